/** Does a rule match a packet? The checks of ip_packet_match and each -m module. */
import { inPrefix, isLimitedBroadcast, isMulticast, networkOf } from "../addr/ipv4";
import { isLocalAddress } from "../net/fib";
import type { Host } from "../model/types";
import type { Packet } from "../walk/packet";
import type { AddrType, CtState, IfaceName, Match, Negatable, PortRange, Rule } from "./types";
import { statisticMatches, type StatisticSite } from "./statistic";

/** Where the packet is, as the hook sees it: devices by name (the bridge for br_netfilter), physdev ports, conntrack state. */
export interface MatchContext {
  readonly host: Host;
  readonly inDev?: string;
  readonly outDev?: string;
  readonly physIn?: string;
  readonly physOut?: string;
  readonly bridged: boolean;
  readonly ctState: CtState;
  /** The connection's NAT status bits (IPS_SRC_NAT / IPS_DST_NAT), which --ctstate SNAT/DNAT test. */
  readonly ctSnat?: boolean;
  readonly ctDnat?: boolean;
  readonly mark: number;
}

const neg = <T>(m: Negatable<T>, ok: boolean): boolean => (m.negate ? !ok : ok);

function ifaceMatches(want: IfaceName, actual: string | undefined): boolean {
  if (actual === undefined) return false;
  return want.wildcard ? actual.startsWith(want.name) : actual === want.name;
}

const inRange = (port: number | undefined, r: PortRange): boolean => port !== undefined && port >= r.from && port <= r.to;

function addrType(host: Host, addr: number): AddrType {
  if (isLocalAddress(host, addr)) return "LOCAL";
  if (isMulticast(addr)) return "MULTICAST";
  if (isLimitedBroadcast(addr)) return "BROADCAST";
  for (const a of host.addrs) if (a.prefixLen < 31 && (addr | (0xffffffff >>> a.prefixLen)) >>> 0 === addr && networkOf(addr, a.prefixLen) === networkOf(a.address, a.prefixLen)) return "BROADCAST";
  return "UNICAST";
}

/**
 * Any of the listed ports. A loop, not a callback: a closure over matchOne's parameters would
 * make V8 allocate a context on every call of matchOne, whatever the match.
 */
function multiportHit(m: Extract<Match, { kind: "multiport" }>, pkt: Packet): boolean {
  for (const r of m.ports.value) if ((m.which !== "dports" && inRange(pkt.sport, r)) || (m.which !== "sports" && inRange(pkt.dport, r))) return true;
  return false;
}

/** [NF4] -s, -d, -i, -o, -p, then every -m module in order; all must hold (each may be negated with !). */
export function ruleMatches(rule: Rule, pkt: Packet, ctx: MatchContext, site: StatisticSite): boolean {
  if (rule.src && !neg(rule.src, inPrefix(pkt.src, rule.src.value.address, rule.src.value.prefixLen))) return false;
  if (rule.dst && !neg(rule.dst, inPrefix(pkt.dst, rule.dst.value.address, rule.dst.value.prefixLen))) return false;
  if (rule.inIface && !neg(rule.inIface, ifaceMatches(rule.inIface.value, ctx.inDev))) return false;
  if (rule.outIface && !neg(rule.outIface, ifaceMatches(rule.outIface.value, ctx.outDev))) return false;
  if (rule.proto && !neg(rule.proto, pkt.proto === rule.proto.value)) return false;
  for (let i = 0; i < rule.matches.length; i++) if (!matchOne(rule.matches[i]!, i, pkt, ctx, site)) return false;
  return true;
}

function matchOne(m: Match, index: number, pkt: Packet, ctx: MatchContext, site: StatisticSite): boolean {
  switch (m.kind) {
    case "tcp":
    case "udp":
      if (pkt.proto !== m.kind) return false;
      if (m.sport && !neg(m.sport, inRange(pkt.sport, m.sport.value))) return false;
      return !m.dport || neg(m.dport, inRange(pkt.dport, m.dport.value));
    case "icmp": {
      if (pkt.proto !== "icmp") return false;
      if (!m.icmpType) return true;
      const t = m.icmpType.value;
      return neg(m.icmpType, pkt.icmp?.type === t.type && (t.code === undefined || pkt.icmp.code === t.code));
    }
    case "multiport": {
      if (pkt.proto !== "tcp" && pkt.proto !== "udp") return false;
      return neg(m.ports, multiportHit(m, pkt));
    }
    case "comment":
      return true;
    case "conntrack": {
      // xt_conntrack: the state bit, or SNAT/DNAT when the connection is NATed that way.
      const v = m.ctstate.value;
      return neg(m.ctstate, v.includes(ctx.ctState) || (ctx.ctSnat === true && v.includes("SNAT")) || (ctx.ctDnat === true && v.includes("DNAT")));
    }
    case "state":
      return neg(m.state, m.state.value.includes(ctx.ctState));
    case "mark":
      return neg(m.mark, ((ctx.mark & m.mark.value.mask) >>> 0) === m.mark.value.value);
    case "addrtype": {
      if (m.srcType && !neg(m.srcType, addrType(ctx.host, pkt.src) === m.srcType.value)) return false;
      return !m.dstType || neg(m.dstType, addrType(ctx.host, pkt.dst) === m.dstType.value);
    }
    case "physdev": {
      if (m.isBridged && !neg(m.isBridged, ctx.bridged)) return false;
      if (m.isIn && !neg(m.isIn, ctx.physIn !== undefined)) return false;
      if (m.isOut && !neg(m.isOut, ctx.physOut !== undefined)) return false;
      if (m.physdevIn && !neg(m.physdevIn, ifaceMatches(m.physdevIn.value, ctx.physIn))) return false;
      return !m.physdevOut || neg(m.physdevOut, ifaceMatches(m.physdevOut.value, ctx.physOut));
    }
    case "statistic":
      return statisticMatches(m, index, site);
  }
}
