/** One probe: a socket sends, the packet walks, and the socket reports what came back. */
import { formatIPv4, parseIPv4 } from "../addr/ipv4";
import type { NetState } from "../model/types";
import { hostByName } from "../model/state";
import type { Outcome, ProbeSpec } from "../scenario/types";
import { Walk, type ClientResult } from "./context";
import { DEFAULT_TTL, ICMP, packet, patchPacket, type Packet } from "./packet";
import { routeOutput, sendRouted } from "./ip-output";
import type { TraceEvent } from "./trace";

export interface ProbeRun {
  readonly state: NetState;
  readonly outcome: Outcome;
  readonly trace: readonly TraceEvent[];
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

export function runProbe(state: NetState, probe: ProbeSpec, seq: number): ProbeRun {
  const w = new Walk(state);
  const fail = (result: "unreachable" | "local-error", detail: string, pkt: Packet): ProbeRun => {
    w.emit({ step: "local-error", host: probe.from, pkt, errno: result, detail });
    return { state: w.state, outcome: { result, p: 1, detail }, trace: w.trace };
  };
  const dst = parseIPv4(probe.to);
  const bound = probe.src !== undefined ? parseIPv4(probe.src) : undefined;
  if (dst === undefined || (probe.src !== undefined && bound === undefined) || !hostByName(state, probe.from)) {
    return { state, outcome: { result: "local-error", p: 1, detail: "bad probe" }, trace: [] };
  }
  const route = routeOutput(w.host(probe.from), dst, bound);
  const pkt = firstPacket(probe, route.kind === "error" ? (bound ?? 0) : route.src, dst, seq);
  w.emit({ step: "send", host: probe.from, pkt });
  if (route.kind === "error") {
    const unreachable = route.errno === "ENETUNREACH" || route.errno === "EHOSTUNREACH";
    return fail(unreachable ? "unreachable" : "local-error", route.detail, pkt);
  }
  // [PR3] ping without -M uses IP_PMTUDISC_WANT: DF when the packet fits the device, else it fragments.
  const sent: Packet = pkt.proto === "icmp" && probe.df === undefined ? patchPacket(pkt, { df: pkt.size <= route.dev.mtu }) : pkt;
  // [PR2] ping -M do: a packet larger than the outgoing device's MTU fails in the sender (EMSGSIZE).
  if (probe.df === true && pkt.proto === "icmp" && pkt.size > route.dev.mtu) {
    return fail("local-error", `ping: local error: message too long, mtu=${route.dev.mtu}`, pkt);
  }
  w.client = { host: probe.from, proto: probe.proto, src: pkt.src, dst, sport: pkt.sport ?? 0, dport: pkt.dport ?? 0, icmpId: pkt.icmp?.id ?? 0 };
  sendRouted(w, probe.from, route, sent);
  return { state: w.state, outcome: toOutcome(w.result), trace: w.trace };
}

function toOutcome(r: ClientResult | undefined): Outcome {
  if (!r) return { result: "timeout", p: 1 };
  switch (r.result) {
    case "connected":
    case "udp-reply":
      return { result: r.result === "connected" ? "connected" : "reply", server: r.seen.server, seenSrc: formatIPv4(r.seen.seenSrc), seenDst: formatIPv4(r.seen.seenDst), seenPort: r.seen.seenPort, p: 1 } as Outcome;
    case "echo-reply":
      return { result: "reply", replyFrom: formatIPv4(r.replyFrom), p: 1 };
    default:
      return { result: r.result, p: 1, detail: r.detail };
  }
}
