/** The tcp and udp matches (--sport/--dport, ranges, !) and multiport (lists of ports and ranges). */
import { param, podpath, stop } from "./ipt-errors";
import type { MatchInstance, OptCall, OptEntry, ParseEnv } from "./ipt-ext";
import { parsePort, parsePortRange, type PortProto } from "./ipt-values";
import type { Match, Negatable, PortRange } from "./types";

const PROTO_NUM = { tcp: 6, udp: 17 } as const;

/** The port syntax follows the -p given, else both tcp and udp services are tried. */
function portProto(env: ParseEnv): PortProto {
  const n = env.proto()?.num;
  return n === 6 ? "tcp" : n === 17 ? "udp" : undefined;
}

const UDP_OPTIONS: readonly OptEntry[] = [
  { name: "source-port", aliases: ["sport"], arg: true, invert: true },
  { name: "destination-port", aliases: ["dport"], arg: true, invert: true },
];
const TCP_OPTIONS: readonly OptEntry[] = [
  ...UDP_OPTIONS,
  { name: "syn", arg: false, invert: true },
  { name: "tcp-flags", arg: true, invert: true },
  { name: "tcp-option", arg: true, invert: true },
];

/** libxt_tcp/libxt_udp: old-style parsers with their own "Only one ..." messages. */
export function tcpUdpMatch(kind: "tcp" | "udp"): MatchInstance {
  let sport: Negatable<PortRange> | undefined;
  let dport: Negatable<PortRange> | undefined;
  return {
    name: kind,
    oldStyle: true,
    options: kind === "tcp" ? TCP_OPTIONS : UDP_OPTIONS,
    parse(call: OptCall, env: ParseEnv) {
      if (call.name === "source-port" || call.name === "destination-port") {
        const src = call.name === "source-port";
        if (src ? sport : dport) stop(param(`Only one \`--${call.name}' allowed`, call.column));
        const value = { value: parsePortRange(call.arg, portProto(env), call.argColumn), negate: call.invert };
        if (src) sport = value;
        else dport = value;
        return;
      }
      stop(podpath(`PodPath does not model TCP flags or options: "--${call.name}" is not supported.`, call.column));
    },
    check() {},
    build(env: ParseEnv): Match {
      const norm = (p: Negatable<PortRange> | undefined) => (p && !p.negate && p.value.from === 0 && p.value.to === 65535 ? undefined : p);
      const s = norm(sport);
      const d = norm(dport);
      // nft.c add_nft_tcp/add_nft_udp: the ports need the protocol ("! -p tcp" still counts as tcp).
      if ((sport || dport) && env.proto()?.num !== PROTO_NUM[kind]) {
        stop(param(kind === "tcp" ? "TCP match requires '-p tcp'" : "UDP match requires '-p udp'"));
      }
      return portMatch(kind, s, d);
    },
  };
}

/** A tcp or udp match; a port not given is undefined (one object shape either way). */
export const portMatch = (kind: "tcp" | "udp", sport: Negatable<PortRange> | undefined, dport: Negatable<PortRange> | undefined): Match => ({ kind, sport, dport });

const MULTI_NAMES = { "source-ports": "sports", "destination-ports": "dports", ports: "ports" } as const;
/** XT_MULTI_PORTS: a range takes two of the 15 slots. */
const MAX_PORTS = 15;

const MULTIPORT_OPTIONS: readonly OptEntry[] = [
  { name: "source-ports", aliases: ["sports"], arg: true, invert: true, excl: ["destination-ports", "ports"] },
  { name: "destination-ports", aliases: ["dports"], arg: true, invert: true, excl: ["source-ports", "ports"] },
  { name: "ports", arg: true, invert: true, excl: ["source-ports", "destination-ports"] },
];

export function multiportMatch(): MatchInstance {
  let which: "sports" | "dports" | "ports" | undefined;
  let ports: Negatable<readonly PortRange[]> | undefined;
  return {
    name: "multiport",
    options: MULTIPORT_OPTIONS,
    parse(call: OptCall, env: ParseEnv) {
      const proto = checkProto(env, call.column);
      which = MULTI_NAMES[call.name as keyof typeof MULTI_NAMES];
      ports = { value: parseMultiPorts(call.arg, proto, call.argColumn), negate: call.invert };
    },
    check(seen, _env, column) {
      if (seen.size === 0) stop(param("multiport expection an option", column));
    },
    build(): Match {
      return { kind: "multiport", which: which!, ports: ports! };
    },
  };
}

/** libxt_multiport check_proto(). */
function checkProto(env: ParseEnv, column: number): PortProto {
  const p = env.proto();
  const only = "multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP";
  if (p?.negate) stop(param(only, column));
  if (p === undefined || p.num === 0) stop(param("multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'", column));
  if (p!.num === 6) return "tcp";
  if (p!.num === 17) return "udp";
  return stop(param(only, column));
}

function parseMultiPorts(text: string, proto: PortProto, column: number): PortRange[] {
  const out: PortRange[] = [];
  let slots = 0;
  const one = (t: string): number => parsePort(t, proto) ?? stop(param(`invalid port/service \`${t}' specified`, column));
  for (const part of text.split(",")) {
    const colon = part.indexOf(":");
    if (slots >= MAX_PORTS || (colon >= 0 && slots === MAX_PORTS - 1)) stop(param("too many ports specified", column));
    if (colon < 0) {
      const p = one(part);
      out.push({ from: p, to: p });
      slots++;
      continue;
    }
    const from = one(part.slice(0, colon));
    const to = one(part.slice(colon + 1));
    if (from >= to) stop(param("invalid portrange specified", column));
    out.push({ from, to });
    slots += 2;
  }
  return out;
}
