/** One probe: a socket sends, the packet walks, and the socket reports what came back. */
import { formatIPv4, parseIPv4 } from "../addr/ipv4";
import type { NetState } from "../model/types";
import { hostByName } from "../model/state";
import { outcomeIdentity } from "../scenario/outcome-identity";
import type { Outcome, ProbeSpec } from "../scenario/types";
import { Walk, type ClientResult } from "./context";
import { DEFAULT_TTL, fitTo, ICMP, packet, patchPacket, type Packet } from "./packet";
import { routeOutput, sendRouted } from "./ip-output";
import type { TraceEvent } from "./trace";

/** One way the probe can go, with its probability (random load balancing splits a probe into branches). */
export interface ProbeBranch {
  readonly p: number;
  readonly outcome: Outcome;
  readonly trace: readonly TraceEvent[];
}

export interface ProbeRun {
  /** The state after the first (most likely) branch: caches and conntrack as that packet left them. */
  readonly state: NetState;
  /** The first branch's outcome and trace. */
  readonly outcome: Outcome;
  readonly trace: readonly TraceEvent[];
  /** Every distinct outcome with its exact probability. */
  readonly outcomes: readonly Outcome[];
  readonly branches: readonly ProbeBranch[];
}

/** Bound on branches explored for one probe (a chain of random rules could otherwise grow without end). */
const MAX_BRANCHES = 512;

/**
 * [LB1] `-m statistic --mode random --probability p` is a branch: the walk first takes "match"
 * at every random rule, then every alternative is explored, each path weighted by the product
 * of its choices (p or 1 - p). Outcomes that agree are merged and their probabilities added, so
 * kube-proxy's 0.3333333333 / 0.5 cascade gives three outcomes of about 1/3.
 */
export function runProbe(state: NetState, probe: ProbeSpec, seq: number): ProbeRun {
  const first = walkOnce(state, probe, seq, []);
  const branches: ProbeBranch[] = [];
  visitBranches(state, probe, seq, first, [], branches);
  return { state: first.state, outcome: first.outcome, trace: first.trace, outcomes: mergeOutcomes(branches), branches };
}

/** Adds `run` and every branch off it after its scripted choices, depth first. */
function visitBranches(state: NetState, probe: ProbeSpec, seq: number, run: OneWalk, script: readonly boolean[], branches: ProbeBranch[]): void {
  branches.push({ p: run.outcome.p, outcome: run.outcome, trace: run.trace });
  for (let i = script.length; i < run.decisions.length && branches.length < MAX_BRANCHES; i++) {
    const d = run.decisions[i]!;
    const alt = !d.took;
    if ((alt ? d.p : 1 - d.p) <= 0) continue;
    const next: boolean[] = [];
    for (let k = 0; k < i; k++) next.push(run.decisions[k]!.took);
    next.push(alt);
    visitBranches(state, probe, seq, walkOnce(state, probe, seq, next), next, branches);
  }
}

function mergeOutcomes(branches: readonly ProbeBranch[]): Outcome[] {
  if (branches.length === 1) return [branches[0]!.outcome];
  const merged = new Map<string, Outcome>();
  for (const b of branches) {
    const key = outcomeIdentity(b.outcome);
    const seen = merged.get(key);
    merged.set(key, seen ? ({ ...seen, p: seen.p + b.p } as Outcome) : b.outcome);
  }
  return [...merged.values()];
}

interface OneWalk {
  readonly state: NetState;
  /** What the socket saw, with the probability of this path (the product of its random choices). */
  readonly outcome: Outcome;
  readonly trace: readonly TraceEvent[];
  readonly decisions: readonly { readonly p: number; readonly took: boolean }[];
}

/** The probability of the path a walk took: the product of its random choices. */
function pathP(w: Walk): number {
  let p = 1;
  for (const d of w.decisions) p *= d.took ? d.p : 1 - d.p;
  return p;
}

// walkOnce runs for every probe and branch: its helpers are module functions, not closures made
// per call (the server's TypeScript loader also wraps every closure it creates to name it).
function walkDone(w: Walk, script: readonly boolean[], outcome: Outcome): OneWalk {
  return {
    // Only the first branch's state is carried on ([LB1]); the others need no counters folded in.
    state: script.length === 0 ? w.finish() : w.state,
    outcome,
    trace: w.trace,
    decisions: w.decisions,
  };
}

function walkFailed(w: Walk, script: readonly boolean[], from: string, result: "unreachable" | "local-error", detail: string, pkt: Packet): OneWalk {
  w.emit({ step: "local-error", host: from, pkt, errno: result, detail });
  return walkDone(w, script, { result, p: pathP(w), detail });
}

function walkOnce(state: NetState, probe: ProbeSpec, seq: number, script: readonly boolean[]): OneWalk {
  const w = new Walk(state, script);
  const dst = parseIPv4(probe.to);
  const bound = probe.src !== undefined ? parseIPv4(probe.src) : undefined;
  const sender = hostByName(state, probe.from);
  if (dst === undefined || (probe.src !== undefined && bound === undefined) || !sender) {
    return walkDone(w, script, { result: "local-error", p: pathP(w), detail: "bad probe" });
  }
  // The host's own name string from here on: the walk looks hosts up by name, fastest by that very string.
  const from = sender.name;
  const route = routeOutput(sender, dst, bound);
  const pkt = firstPacket(probe, route.kind === "error" ? (bound ?? 0) : route.src, dst, seq);
  w.emit({ step: "send", host: from, pkt });
  if (route.kind === "error") {
    const unreachable = route.errno === "ENETUNREACH" || route.errno === "EHOSTUNREACH";
    return walkFailed(w, script, from, unreachable ? "unreachable" : "local-error", route.detail, pkt);
  }
  // [MT4] The path MTU is the device's, or less once a router reported a smaller one.
  const mtu = Math.min(route.dev.mtu, sender.pmtu[dst] ?? route.dev.mtu);
  // [PR3] ping without -M uses IP_PMTUDISC_WANT: DF when the packet fits, else it fragments.
  const sent: Packet = pkt.proto === "icmp" && probe.df === undefined ? (pkt.size <= mtu ? patchPacket(pkt, { df: true }) : fitTo(patchPacket(pkt, { df: false }), mtu)) : pkt;
  // [PR2] ping -M do: a packet larger than the path MTU fails in the sender (EMSGSIZE).
  if (probe.df === true && pkt.proto === "icmp" && pkt.size > mtu) {
    return walkFailed(w, script, from, "local-error", `ping: local error: message too long, mtu=${mtu}`, pkt);
  }
  w.client = { host: from, proto: probe.proto, src: pkt.src, dst, sport: pkt.sport ?? 0, dport: pkt.dport ?? 0, icmpId: pkt.icmp?.id ?? 0 };
  sendRouted(w, from, route, sent);
  return walkDone(w, script, toOutcome(w.result, pathP(w)));
}

/** Ephemeral ports as Linux hands them out (ip_local_port_range starts at 32768); one per probe. */
const FIRST_PORT = 32768;

/** [PR1] Packet sizes: a TCP SYN is 60 bytes, a UDP probe 60, an ICMP echo 28 + payload (default 56). */
function firstPacket(probe: ProbeSpec, src: number, dst: number, seq: number): Packet {
  if (probe.proto === "icmp") {
    return packet({ src, dst, ttl: DEFAULT_TTL, proto: "icmp", icmp: { type: ICMP.ECHO_REQUEST, code: 0, id: seq + 1 }, size: 28 + (probe.size ?? 56), df: probe.df ?? false });
  }
  const tcp = probe.proto === "tcp" ? ("SYN" as const) : undefined;
  return packet({ src, dst, ttl: DEFAULT_TTL, proto: probe.proto, sport: FIRST_PORT + seq, dport: probe.port ?? 0, tcp, size: 60, df: true });
}

function toOutcome(r: ClientResult | undefined, p: number): Outcome {
  if (!r) return { result: "timeout", p };
  switch (r.result) {
    case "connected":
    case "udp-reply":
      return { result: r.result === "connected" ? "connected" : "reply", server: r.seen.server, seenSrc: formatIPv4(r.seen.seenSrc), seenDst: formatIPv4(r.seen.seenDst), seenPort: r.seen.seenPort, p } as Outcome;
    case "echo-reply":
      return { result: "reply", replyFrom: formatIPv4(r.replyFrom), p };
    default:
      return { result: r.result, p, detail: r.detail };
  }
}
