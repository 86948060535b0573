/**
 * The FIB: the local table (derived from addresses) and the main table, looked up the way
 * fib_lookup does it with the default rules (local, then main).
 */
import { inPrefix, networkOf } from "../addr/ipv4";
import { linkByIndex } from "../model/state";
import type { Address, Host, Route } from "../model/types";

export type LocalResult = { readonly type: "local"; readonly ifindex: number; readonly prefsrc: number };
export type FibResult =
  | LocalResult
  | { readonly type: "unicast"; readonly route: Route; readonly ifindex: number }
  | { readonly type: "blackhole"; readonly route: Route }
  | { readonly type: "unreachable"; readonly route: Route }
  | { readonly type: "prohibit"; readonly route: Route };

/** Scopes ordered as the kernel numbers them (universe 0 < link 253 < host 254). */
const SCOPE_RANK = { global: 0, link: 253, host: 254 } as const;

/**
 * [RT1] The local table holds every address of the host (type local, scope host); an address
 * on lo also makes its whole prefix local while lo is up (fib_add_ifaddr: IFF_LOOPBACK). [RT2] Local routes
 * survive their device going down: their nexthop scope is RT_SCOPE_NOWHERE, which
 * fib_sync_down_dev skips unless the last address goes.
 */
export function lookupLocal(host: Host, dst: number): LocalResult | undefined {
  const a = localAddressFor(host, dst);
  return a && { type: "local", ifindex: a.ifindex, prefsrc: a.address };
}

/** The address that makes `dst` local ([RT1]), without building a lookup result. */
function localAddressFor(host: Host, dst: number): Address | undefined {
  for (const a of host.addrs) if (a.address === dst) return a;
  for (const a of host.addrs) {
    // The prefix test first: it is arithmetic, and finding the address's device walks the links.
    if (a.prefixLen === 32 || networkOf(dst, a.prefixLen) !== networkOf(a.address, a.prefixLen)) continue;
    const lo = linkByIndex(host, a.ifindex);
    if (lo?.kind === "loopback" && lo.up) return a;
  }
  return undefined;
}

export interface LookupOptions {
  /** Only routes through this device (flowi4_oif). */
  readonly oif?: number;
  /** Only routes whose scope is at least this wide (flowi4_scope); "global" accepts all. */
  readonly minScope?: "global" | "link";
}

/**
 * [RT3] The longest prefix wins; on a tie, the lowest metric; on a tie again, the route added
 * first. [RT4] Routes through a device without carrier are still used
 * (ignore_routes_with_linkdown=0): the packet is then lost at the link.
 */
/** No restriction (one shared value: a default `{}` would be a new object per lookup). */
const ANY: LookupOptions = {};

export function lookupMain(host: Host, dst: number, opts: LookupOptions = ANY): FibResult | undefined {
  let best: Route | undefined;
  for (const r of host.routes) {
    if (!inPrefix(dst, r.dst, r.prefixLen)) continue;
    if (opts.oif !== undefined && r.type === "unicast" && r.ifindex !== opts.oif) continue;
    if (opts.minScope === "link" && SCOPE_RANK[r.scope] < SCOPE_RANK.link) continue;
    if (!best || r.prefixLen > best.prefixLen || (r.prefixLen === best.prefixLen && r.metric < best.metric)) best = r;
  }
  if (!best) return undefined;
  if (best.type !== "unicast") return { type: best.type, route: best } as FibResult;
  return { type: "unicast", route: best, ifindex: best.ifindex! };
}

export function fibLookup(host: Host, dst: number, opts: LookupOptions = ANY): FibResult | undefined {
  const local = lookupLocal(host, dst);
  if (local && (opts.oif === undefined || opts.oif === local.ifindex || linkByIndex(host, opts.oif)?.kind === "loopback")) return local;
  return lookupMain(host, dst, opts);
}

/** Is `address` one of the host's own addresses (inet_addr_type == RTN_LOCAL)? */
export function isLocalAddress(host: Host, address: number): boolean {
  return localAddressFor(host, address) !== undefined;
}
