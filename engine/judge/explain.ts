/**
 * Where a packet died, in one paragraph a student can act on, derived from the trace of the
 * branch that broke the goal ([JE1]): each packet the probe caused (the request, the reply,
 * an ICMP error) becomes one sentence of the hops, rewrites and verdicts that mattered, e.g.
 * "SYN from pod-a: reached node1; no nat rule matched 10.96.0.20:80 at PREROUTING; routed out
 * eth0 via 192.168.50.1; reached tor; dropped at tor: no route to 10.96.0.20."
 */
import { formatIPv4 } from "../addr/ipv4";
import { hostByName } from "../model/state";
import type { Host, NetState } from "../model/types";
import type { ProbeSpec } from "../scenario/types";
import type { Packet } from "../walk/packet";
import { ICMP } from "../walk/packet";
import type { ProbeBranch } from "../walk/probe";
import type { TraceEvent } from "../walk/trace";

export function explainProbe(probe: ProbeSpec, branch: ProbeBranch, state: NetState): string {
  const sentences = phases(branch.trace).map((phase) => describePhase(phase, state));
  const cause = diagnose(branch.trace, state);
  return [...sentences, ...(cause ? [cause] : [])].map((s) => `${s}.`).join(" ");
}

/** A trace split at each packet a socket or stack sends: a send or icmp-error event, or whatever follows a delivery (the answer). */
function phases(trace: readonly TraceEvent[]): TraceEvent[][] {
  const out: TraceEvent[][] = [];
  let delivered = false;
  for (const e of trace) {
    if (e.step === "send" || e.step === "icmp-error" || delivered || out.length === 0) out.push([e]);
    else out[out.length - 1]!.push(e);
    delivered = e.step === "deliver";
  }
  return out;
}

function packetName(p: Packet): string {
  if (p.proto === "tcp") return p.tcp ?? "TCP segment";
  if (p.proto === "udp") return "UDP datagram";
  const t = p.icmp?.type;
  return t === ICMP.ECHO_REQUEST ? "echo request" : t === ICMP.ECHO_REPLY ? "echo reply" : "ICMP error";
}

const dstText = (p: Packet) => `${formatIPv4(p.dst)}${p.dport !== undefined ? `:${p.dport}` : ""}`;
const srcText = (p: Packet) => `${formatIPv4(p.src)}${p.sport !== undefined ? `:${p.sport}` : ""}`;

function describePhase(phase: readonly TraceEvent[], state: NetState): string {
  const first = phase[0]!;
  const head =
    first.step === "icmp-error"
      ? `${first.host} answered ICMP "${first.text}" to ${formatIPv4(first.about.src)}`
      : "pkt" in first
        ? `${packetName(first.pkt)} from ${first.host} to ${dstText(first.pkt)}`
        : `${first.host}`;
  const steps: string[] = [];
  const reached = new Set<string>([first.host]);
  const dnatAt = new Set(phase.filter((e) => e.step === "nat" && e.kind === "DNAT" && rewrites(e)).map((e) => e.host));
  for (const e of phase) {
    const step = stepText(e, first.host, reached, dnatAt, state);
    if (step && steps[steps.length - 1] !== step) steps.push(step);
  }
  return steps.length ? `${head}: ${steps.join("; ")}` : head;
}

function stepText(e: TraceEvent, sender: string, reached: Set<string>, dnatAt: ReadonlySet<string>, state: NetState): string | undefined {
  switch (e.step) {
    case "tx":
      if (reached.has(e.toHost)) return undefined;
      reached.add(e.toHost);
      return `reached ${e.toHost}`;
    case "route":
      if (e.decision !== "forward") return undefined;
      return `${e.host} routed it out ${e.dev}${e.via !== undefined ? ` via ${formatIPv4(e.via)}` : ""}`;
    case "nat":
      if (!rewrites(e)) return undefined;
      if (e.kind === "DNAT" || e.kind === "un-SNAT") return `${e.host} ${e.kind} to ${dstText(e.after)}`;
      return `${e.host} ${e.kind} to source ${srcText(e.after)}`;
    case "nf":
      if (e.target === "DROP" || e.target === "REJECT") return `${e.host} ${e.table}/${e.chain} rule ${e.rule} -j ${e.target}`;
      if (e.target === "policy DROP") return `${e.host} ${e.table}/${e.chain} policy DROP`;
      return undefined;
    case "ct":
      return isUnmatchedVirtualIP(e, dnatAt, state) ? `no DNAT rule on ${e.host} matched ${dstText(e.pkt)}` : undefined;
    case "vxlan":
      return e.action === "encap" ? `${e.host} wrapped it in VXLAN (VNI ${e.vni}) to ${formatIPv4(e.outer.dst)}:${e.outer.dport}` : undefined;
    case "drop":
      // The sender's own route lookup failed: its socket got ENETUNREACH, said plainly.
      if (e.reason === "NO_ROUTE" && e.host === sender && e.dev === undefined) return `${e.host} has no route to ${formatIPv4(e.pkt.dst)}, so it cannot send this`;
      return `dropped at ${e.host}${e.dev ? ` on ${e.dev}` : ""}: ${e.detail}`;
    case "local-error":
      return `${e.host} refused to send: ${e.detail}`;
    case "deliver":
      return `delivered to ${e.socket} on ${e.host}`;
    default:
      return undefined;
  }
}

/** A nat step that changed an address or port (conntrack also reports identity bindings). */
function rewrites(e: Extract<TraceEvent, { step: "nat" }>): boolean {
  return e.before.src !== e.after.src || e.before.dst !== e.after.dst || e.before.sport !== e.after.sport || e.before.dport !== e.after.dport;
}

/**
 * [JE2] "No rule matched": a new connection to an address no host owns (a Service VIP) was
 * first seen by conntrack on a host that has DNAT rules, and nothing rewrote it there.
 */
function isUnmatchedVirtualIP(e: Extract<TraceEvent, { step: "ct" }>, dnatAt: ReadonlySet<string>, state: NetState): boolean {
  if (!e.isNew || e.dir !== "original" || dnatAt.has(e.host)) return false;
  const host = hostByName(state, e.host);
  return host !== undefined && hasDnatRules(host) && !Object.values(state.hosts).some((h) => h.addrs.some((a) => a.address === e.pkt.dst));
}

function hasDnatRules(host: Host): boolean {
  return host.netfilter.nat.chains.some((chain) => chain.rules.some((rule) => rule.target?.kind === "DNAT"));
}

/**
 * [JE3] Causes a trace implies but does not show: a reply that came back un-translated,
 * because the host that DNATed the request never saw the reply through conntrack.
 */
function diagnose(trace: readonly TraceEvent[], state: NetState): string | undefined {
  const mismatch = trace.find((e): e is Extract<TraceEvent, { step: "drop" }> => e.step === "drop" && e.reason === "SOCKET_MISMATCH");
  if (!mismatch) return undefined;
  const dnat = trace.find((e): e is Extract<TraceEvent, { step: "nat" }> => e.step === "nat" && e.kind === "DNAT" && rewrites(e));
  if (!dnat) return undefined;
  const reply = `the reply from ${srcText(mismatch.pkt)} was not un-DNATed back to ${dstText(dnat.before)}`;
  const at = dnat.host;
  const host = hostByName(state, at);
  const replyStart = trace.indexOf(mismatch);
  const bridgedAtDnatHost = trace.some((e, i) => i < replyStart && e.step === "bridge" && e.host === at && e.pkt.src === mismatch.pkt.src);
  if (host && host.sysctl.bridgeNfCallIptables === 0 && bridgedAtDnatHost) {
    return `${reply}, because net.bridge.bridge-nf-call-iptables=0 on ${at}: the bridge switched it straight back without conntrack`;
  }
  return `${reply}: it did not pass back through ${at}'s conntrack, where the DNAT happened`;
}
