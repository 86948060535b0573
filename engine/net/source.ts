import { inPrefix, networkOf } from "../addr/ipv4";
import { linkByIndex } from "../model/state";
import type { AddrScope, Host, RouteScope } from "../model/types";

const RANK: Record<AddrScope | RouteScope, number> = { global: 0, link: 253, host: 254 };

/**
 * [SA1] Source address selection (inet_select_addr): the route's `src` if it has one; else the
 * first primary address of the outgoing device whose scope fits the route's scope, preferring
 * one in the same subnet as the gateway; else the first fitting non-link-scope primary address
 * of any device, in ifindex order (lo first).
 */
export function selectSource(host: Host, ifindex: number, gateway: number | undefined, routeScope: RouteScope): number | undefined {
  const scope = RANK[routeScope];
  let first: number | undefined;
  for (const a of host.addrs) {
    if (a.ifindex !== ifindex || a.secondary || RANK[a.scope] > scope) continue;
    if (gateway === undefined || inPrefix(gateway, networkOf(a.address, a.prefixLen), a.prefixLen)) return a.address;
    first ??= a.address;
  }
  if (first !== undefined) return first;
  const byIndex = [...host.links].sort((x, y) => x.ifindex - y.ifindex);
  for (const link of byIndex) {
    for (const a of host.addrs) {
      if (a.ifindex !== link.ifindex || a.secondary || a.scope === "link" || RANK[a.scope] > scope) continue;
      if (linkByIndex(host, a.ifindex)) return a.address;
    }
  }
  return undefined;
}
