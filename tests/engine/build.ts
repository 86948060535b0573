/**
 * Test helpers: build a state from command lines with the engine's own `apply`, failing loudly
 * on a refused line, and a few shortcuts to run commands and probes.
 */
import { apply, createState, runProbe } from "../../engine/index";
import type { DropReason, HostSpec, NetState, Outcome, ProbeSpec, TraceEvent } from "../../engine/index";

export type HostArg = string | HostSpec;

/** "node1: ip link add ..." → host and command line. */
export function splitLine(item: string): { host: string; line: string } {
  const colon = item.indexOf(": ");
  if (colon <= 0) throw new Error(`build line without "host: " prefix: ${JSON.stringify(item)}`);
  return { host: item.slice(0, colon), line: item.slice(colon + 2) };
}

/** Hosts given as names are nodes; `build(["a", "b"], ["a: ip link set lo up"])`. */
export function build(hosts: readonly HostArg[], lines: readonly string[] = []): NetState {
  const specs: HostSpec[] = hosts.map((h) => (typeof h === "string" ? { name: h, role: "node" } : h));
  return exec(createState(specs), lines);
}

/** Apply more lines to a state; any refused line throws with the engine's error. */
export function exec(state: NetState, lines: readonly string[]): NetState {
  let s = state;
  for (const item of lines) {
    const { host, line } = splitLine(item);
    const r = apply(s, host, line);
    if (!r.ok) throw new Error(`refused "${item}": ${r.error}`);
    s = r.state;
  }
  return s;
}

/** What a command prints ("host: line"); throws if it is refused. */
export function out(state: NetState, item: string): string {
  const { host, line } = splitLine(item);
  const r = apply(state, host, line);
  if (!r.ok) throw new Error(`refused "${item}": ${r.error}`);
  return r.output;
}

/** The error of a command that must be refused; throws if it is accepted. */
export function refusal(state: NetState, item: string): { error: string; column?: number } {
  const { host, line } = splitLine(item);
  const r = apply(state, host, line);
  if (r.ok) throw new Error(`accepted, expected a refusal: "${item}"`);
  return r.column === undefined ? { error: r.error } : { error: r.error, column: r.column };
}

export type ProbeArgs = Omit<ProbeSpec, "id"> & { readonly id?: string };

export function probe(state: NetState, spec: ProbeArgs, seq = 0): { state: NetState; outcome: Outcome; trace: readonly TraceEvent[] } {
  return runProbe(state, { id: spec.id ?? "p", ...spec }, seq);
}

export type DropEvent = Extract<TraceEvent, { step: "drop" }>;

export function drops(trace: readonly TraceEvent[], host?: string): DropEvent[] {
  return trace.filter((e): e is DropEvent => e.step === "drop" && (host === undefined || e.host === host));
}

export function dropReasons(trace: readonly TraceEvent[], host?: string): DropReason[] {
  return drops(trace, host).map((d) => d.reason);
}

/** Lines of a command's output, without the final newline. */
export function lines(text: string): string[] {
  return text === "" ? [] : text.replace(/\n$/, "").split("\n");
}

/** The MAC of a device, read from `ip link show DEV`. */
export function macOf(state: NetState, host: string, dev: string): string {
  const m = /link\/\w+ ([0-9a-f:]{17})/.exec(out(state, `${host}: ip link show ${dev}`));
  if (!m) throw new Error(`no MAC for ${host}/${dev}`);
  return m[1]!;
}

/** Add listening sockets, as a scenario's `listen:` block does ("tcp/8080", "udp/53"). */
export function listen(state: NetState, host: string, ...sockets: readonly string[]): NetState {
  const h = state.hosts[host];
  if (!h) throw new Error(`no host ${host}`);
  const added = sockets.map((s) => {
    const [proto, port] = s.split("/");
    if ((proto !== "tcp" && proto !== "udp") || !port) throw new Error(`bad socket ${s}`);
    return { proto, port: Number(port) } as const;
  });
  return { ...state, hosts: { ...state.hosts, [host]: { ...h, listeners: [...h.listeners, ...added] } } };
}
