/**
 * Kernel side effects shared by several commands: what the kernel does to routes, neighbours
 * and the FDB when a device or an address comes or goes.
 */
import { networkOf } from "../addr/ipv4";
import { compareMac } from "../addr/mac";
import type { Address, Host, Link, Route } from "./types";
import { patchLink } from "./link-shape";
import { patchHost } from "./state";

/** [RT7] The connected route of a primary address: `PREFIX dev D proto kernel scope link src A`. */
export function connectedRoute(a: Address): Route | undefined {
  if (a.prefixLen === 32) return undefined;
  return {
    type: "unicast",
    dst: networkOf(a.address, a.prefixLen),
    prefixLen: a.prefixLen,
    via: undefined,
    ifindex: a.ifindex,
    onlink: false,
    scope: "link",
    src: a.address,
    metric: 0,
    proto: "kernel",
  };
}

export function sameRouteKey(a: Route, b: Route): boolean {
  return a.dst === b.dst && a.prefixLen === b.prefixLen && a.metric === b.metric;
}

/** [RT8] Bringing a device up (re)creates the connected routes of its primary addresses (fib_add_ifaddr). */
export function addConnectedRoutes(host: Host, ifindex: number, loopback: boolean): Host {
  if (loopback) return host;
  let routes = host.routes;
  for (const a of host.addrs) {
    if (a.ifindex !== ifindex || a.secondary) continue;
    const r = connectedRoute(a);
    if (r && !routes.some((x) => sameRouteKey(x, r) && x.ifindex === ifindex && x.proto === "kernel")) routes = [...routes, r];
  }
  return routes === host.routes ? host : patchHost(host, { routes });
}

/**
 * [RT9] Setting a device down removes every route through it, static ones too
 * (fib_sync_down_dev marks the nexthops RTNH_F_DEAD and fib_flush drops them); they do not
 * come back on `up`. Neighbour entries on it go too, permanent ones included (neigh_ifdown),
 * and the bridge forgets
 * what it learned on the port (br_fdb_delete_by_port).
 */
export function deviceWentDown(host: Host, ifindex: number): Host {
  return {
    ...host,
    routes: host.routes.filter((r) => r.ifindex !== ifindex),
    neigh: host.neigh.filter((n) => n.ifindex !== ifindex),
    fdb: host.fdb.filter((f) => !(f.kind === "bridge" && f.port === ifindex && f.state === "learned")),
  };
}

/** Everything that referred to a device that no longer exists in this host. */
export function deviceRemoved(host: Host, ifindex: number): Host {
  return {
    ...host,
    addrs: host.addrs.filter((a) => a.ifindex !== ifindex),
    routes: host.routes.filter((r) => r.ifindex !== ifindex),
    neigh: host.neigh.filter((n) => n.ifindex !== ifindex),
    fdb: host.fdb.filter((f) => (f.kind === "bridge" ? f.port !== ifindex && f.bridge !== ifindex : f.dev !== ifindex)),
    links: host.links
      .filter((l) => l.ifindex !== ifindex)
      .map((l) => (l.master === ifindex ? withoutMaster(l) : l)),
  };
}

export function withoutMaster(link: Link): Link {
  return patchLink(link, { master: undefined, port: undefined });
}

/**
 * [BR5] A bridge whose MAC was not set by hand takes the lowest MAC among its ports
 * (br_stp_recalculate_bridge_id); with no ports it keeps the one it has.
 */
export function recalcBridgeMac(host: Host, bridgeIfindex: number): Host {
  const bridge = host.links.find((l) => l.ifindex === bridgeIfindex);
  if (!bridge || bridge.kind !== "bridge" || bridge.macSet) return host;
  const ports = host.links.filter((l) => l.master === bridgeIfindex);
  if (ports.length === 0) return host;
  const lowest = ports.map((p) => p.mac).sort(compareMac)[0]!;
  if (lowest === bridge.mac) return host;
  return patchHost(host, { links: host.links.map((l) => (l.ifindex === bridgeIfindex ? patchLink(bridge, { mac: lowest }) : l)) });
}
