/** The routing decision for a packet that arrived on a device (ip_route_input_slow). */
import { formatIPv4, isLimitedBroadcast, isLoopback, isMulticast, isZeronet } from "../addr/ipv4";
import { fibLookup, isLocalAddress, lookupMain } from "../net/fib";
import { devConf, effectiveRpFilter, orConf } from "../model/sysctl-defaults";
import { linkByIndex } from "../model/state";
import type { Host, Link, Route } from "../model/types";
import type { Walk } from "./context";
import type { DropReason } from "./trace";
import { ICMP } from "./packet";

export type InputRoute =
  | { readonly kind: "local" }
  | { readonly kind: "forward"; readonly route: Route; readonly outIfindex: number; readonly nexthop: number }
  | { readonly kind: "drop"; readonly reason: DropReason; readonly detail: string; readonly icmp?: { readonly type: number; readonly code: number } };

const ipStr = formatIPv4;

/** One shared value for every local delivery decision (decisions are never changed). */
const LOCAL: InputRoute = { kind: "local" };

/**
 * [RI1] Martians: a multicast, broadcast or 0.0.0.0/8 source, a 0.0.0.0/8 destination, and
 * 127.0.0.0/8 either way (unless route_localnet) are dropped before any lookup.
 * [RI2] A local destination is delivered, after the source check (fib_validate_source).
 * [RI3] Anything else needs forwarding on the incoming device (net.ipv4.conf.DEV.forwarding,
 * which ip_forward sets for all); without it the packet is dropped silently (ip_error sends
 * nothing when forwarding is off). [RI4] With forwarding on: no route sends ICMP net
 * unreachable; an `unreachable` route host unreachable; `prohibit` "packet filtered";
 * `blackhole` drops silently.
 */
export function routeInput(_w: Walk, host: Host, inLink: Link, src: number, dst: number): InputRoute {
  const localnet = orConf(host.sysctl, inLink.name, "route_localnet");
  if (isMulticast(src) || isLimitedBroadcast(src) || isZeronet(src) || (isLoopback(src) && !localnet)) {
    return { kind: "drop", reason: "IP_INVALID_SOURCE", detail: `martian source ${ipStr(src)} from ${ipStr(dst)}, on dev ${inLink.name}` };
  }
  if (isZeronet(dst) || (isLoopback(dst) && !localnet)) return { kind: "drop", reason: "MARTIAN_DESTINATION", detail: `martian destination ${ipStr(dst)} from ${ipStr(src)}, dev ${inLink.name}` };
  const forwarding = devConf(host.sysctl, inLink.name).forwarding !== 0;
  if (isLocalAddress(host, dst)) {
    const bad = validateSource(host, inLink, src);
    return bad ?? LOCAL;
  }
  // Not local, so the local table has nothing for dst: the main table decides (fibLookup without its local step).
  const res = lookupMain(host, dst);
  if (!forwarding) {
    return { kind: "drop", reason: "IP_FORWARDING_DISABLED", detail: `${ipStr(dst)} is not a local address and forwarding is off on ${inLink.name} (net.ipv4.ip_forward=0)` };
  }
  if (!res) return { kind: "drop", reason: "NO_ROUTE", detail: `no route to ${ipStr(dst)}`, icmp: { type: ICMP.DEST_UNREACH, code: ICMP.NET_UNREACH } };
  if (res.type === "unreachable") return { kind: "drop", reason: "NO_ROUTE", detail: `route to ${ipStr(dst)} is "unreachable"`, icmp: { type: ICMP.DEST_UNREACH, code: ICMP.HOST_UNREACH } };
  if (res.type === "prohibit") return { kind: "drop", reason: "NO_ROUTE", detail: `route to ${ipStr(dst)} is "prohibit"`, icmp: { type: ICMP.DEST_UNREACH, code: ICMP.PKT_FILTERED } };
  if (res.type === "blackhole") return { kind: "drop", reason: "BLACKHOLE", detail: `route to ${ipStr(dst)} is a blackhole` };
  if (res.type === "local") return LOCAL;
  const bad = validateSource(host, inLink, src);
  if (bad) return bad;
  return { kind: "forward", route: res.route, outIfindex: res.ifindex, nexthop: res.route.via ?? dst };
}

/**
 * [RP1] fib_validate_source. With rp_filter 0 only a source that is one of our own addresses is
 * refused (unless accept_local). [RP2] With rp_filter 1 (strict) the route back to the source
 * must leave through the device the packet came in on; [RP3] with 2 (loose) any unicast route
 * back will do. The value in force is max(conf.all, conf.DEV).
 */
export function validateSource(host: Host, inLink: Link, src: number): InputRoute | undefined {
  const rpf = effectiveRpFilter(host.sysctl, inLink.name);
  const acceptLocal = orConf(host.sysctl, inLink.name, "accept_local");
  if (rpf === 0) return !acceptLocal && isLocalAddress(host, src) ? martianSource(inLink, src) : undefined;
  const back = fibLookup(host, src);
  if (!back) return rpFilterDrop(rpf, inLink, `no route back to ${ipStr(src)}`);
  if (back.type === "local") return acceptLocal ? undefined : martianSource(inLink, src);
  if (back.type !== "unicast") return { kind: "drop", reason: "IP_INVALID_SOURCE", detail: `the route back to ${ipStr(src)} is "${back.type}"` };
  if (back.ifindex === inLink.ifindex) return undefined;
  const noAddr = !host.addrs.some((a) => a.ifindex === inLink.ifindex);
  const backDev = linkByIndex(host, back.ifindex)?.name ?? "?";
  if (noAddr || rpf === 1) return rpFilterDrop(rpf, inLink, `the route back to ${ipStr(src)} leaves through ${backDev}, not ${inLink.name}`);
  return undefined;
}

const martianSource = (inLink: Link, src: number): InputRoute => ({
  kind: "drop",
  reason: "IP_INVALID_SOURCE",
  detail: `martian source ${ipStr(src)} on dev ${inLink.name}: it is one of this host's own addresses`,
});

const rpFilterDrop = (rpf: number, inLink: Link, why: string): InputRoute => ({ kind: "drop", reason: "IP_RPFILTER", detail: `rp_filter=${rpf} on ${inLink.name}: ${why}` });
