import { inPrefix, isLoopback, networkOf } from "../addr/ipv4";
import type { RouteSelector, RouteSpec } from "../cmd/types";
import { fibLookup, isLocalAddress } from "../net/fib";
import { linkByIndex, linkByName, patchHost, withHost } from "../model/state";
import type { Host, NetState, Route } from "../model/types";
import { E } from "./errors";
import { done, refuse, type ApplyResult } from "./outcome";

/**
 * [RT5] Checks on a new route (fib_create_info, fib_check_nh):
 * - host bits in the prefix: "Invalid prefix for given prefix length";
 * - `dev` only: the device must be up ("Device for nexthop is not up"), scope link;
 * - `via G onlink`: needs `dev`, up; G must not be a local address;
 * - `via G`: G must be reachable through a connected (scope link) route, through `dev` if one
 *   is named, else "Nexthop has invalid gateway"; the route takes that route's device. G may
 *   be one of the host's own addresses (then that address's device must be up: "Network is
 *   down"), but not 127.0.0.0/8;
 * - `src` must be a local address ("Invalid prefsrc address").
 */
function buildRoute(host: Host, spec: RouteSpec): Route | string {
  if (spec.prefixLen < 32 && networkOf(spec.dst, spec.prefixLen) !== spec.dst) return E.invalidPrefix;
  const dev = spec.dev !== undefined ? linkByName(host, spec.dev) : undefined;
  if (spec.dev !== undefined && !dev) return E.noDevice(spec.dev);
  const type = spec.type ?? "unicast";
  if (spec.src !== undefined && !isLocalAddress(host, spec.src)) return E.invalidPrefsrc;
  // Every route has all fields, in one order: one object shape for the FIB's hot loops.
  const route = (via: number | undefined, ifindex: number | undefined, scope: Route["scope"]): Route => ({
    type,
    dst: spec.dst,
    prefixLen: spec.prefixLen,
    via,
    ifindex,
    onlink: spec.onlink,
    scope: spec.scope ?? scope,
    src: spec.src,
    metric: spec.metric ?? 0,
    proto: spec.proto ?? "boot",
  });
  if (type !== "unicast") return route(undefined, undefined, "global");
  if (spec.via === undefined) {
    if (!dev) return E.noSuchDevice;
    if (!dev.up) return "Error: Device for nexthop is not up.";
    return route(undefined, dev.ifindex, "link");
  }
  if (spec.onlink) {
    if (!dev) return "Error: Nexthop device required for onlink.";
    if (!dev.up) return E.nexthopDevDown;
    if (isLocalAddress(host, spec.via)) return E.invalidGateway;
    return route(spec.via, dev.ifindex, "global");
  }
  if (isLoopback(spec.via)) return E.invalidGateway;
  const res = fibLookup(host, spec.via, { minScope: "link", ...(dev ? { oif: dev.ifindex } : {}) });
  if (!res || (res.type !== "unicast" && res.type !== "local")) return E.invalidGateway;
  const out = linkByIndex(host, res.ifindex);
  if (!out?.up) return "RTNETLINK answers: Network is down";
  return route(spec.via, res.ifindex, "global");
}

const sameKey = (a: Route, b: { dst: number; prefixLen: number; metric: number }): boolean => a.dst === b.dst && a.prefixLen === b.prefixLen && a.metric === b.metric;

/** [RT6] `add` refuses a route with the same prefix and metric ("File exists"); `replace` swaps it; `append` adds another. */
export function routeModify(state: NetState, host: Host, op: "add" | "replace" | "change" | "append" | "prepend" | "del", spec: RouteSpec): ApplyResult {
  if (op === "del") return routeDel(state, host, spec);
  const built = buildRoute(host, spec);
  if (typeof built === "string") return refuse(built, built === E.invalidPrefix ? spec.dstColumn : undefined);
  const existing = host.routes.findIndex((r) => sameKey(r, built));
  let routes: Route[];
  if (op === "add" || op === "append" || op === "prepend") {
    if (op === "add" && existing >= 0) return refuse(E.exists);
    routes = op === "prepend" && existing >= 0 ? [...host.routes.slice(0, existing), built, ...host.routes.slice(existing)] : [...host.routes, built];
  } else {
    if (existing < 0 && op === "change") return refuse("RTNETLINK answers: No such file or directory");
    routes = existing >= 0 ? host.routes.map((r, i) => (i === existing ? built : r)) : [...host.routes, built];
  }
  return done(withHost(state, patchHost(host, { routes })));
}

/** [RT10] `del` removes the first route matching the prefix and every attribute the line names ("No such process" if none). */
function routeDel(state: NetState, host: Host, spec: RouteSpec): ApplyResult {
  const dev = spec.dev !== undefined ? linkByName(host, spec.dev) : undefined;
  if (spec.dev !== undefined && !dev) return refuse(E.noDevice(spec.dev));
  const victim = host.routes.find(
    (r) =>
      r.dst === spec.dst &&
      r.prefixLen === spec.prefixLen &&
      (spec.type === undefined || r.type === spec.type) &&
      (spec.via === undefined || r.via === spec.via) &&
      (dev === undefined || r.ifindex === dev.ifindex) &&
      (spec.metric === undefined || r.metric === spec.metric) &&
      (spec.proto === undefined || r.proto === spec.proto) &&
      (spec.src === undefined || r.src === spec.src) &&
      (spec.scope === undefined || r.scope === spec.scope),
  );
  if (!victim) return refuse(E.noSuchProcess);
  return done(withHost(state, patchHost(host, { routes: host.routes.filter((r) => r !== victim) })));
}

export function routeMatches(host: Host, r: Route, sel: RouteSelector): boolean {
  if (sel.dst) {
    if (sel.dst.exact && (r.dst !== sel.dst.address || r.prefixLen !== sel.dst.prefixLen)) return false;
    if (!sel.dst.exact && !(r.prefixLen >= sel.dst.prefixLen && inPrefix(r.dst, networkOf(sel.dst.address, sel.dst.prefixLen), sel.dst.prefixLen))) return false;
  }
  if (sel.dev !== undefined && linkByIndex(host, r.ifindex ?? -1)?.name !== sel.dev) return false;
  if (sel.via !== undefined && r.via !== sel.via) return false;
  if (sel.proto !== undefined && r.proto !== sel.proto) return false;
  if (sel.scope !== undefined && r.scope !== sel.scope) return false;
  if (sel.type !== undefined && r.type !== sel.type) return false;
  return true;
}

export function routeFlush(state: NetState, host: Host, sel: RouteSelector): ApplyResult {
  if (sel.dev !== undefined && !linkByName(host, sel.dev)) return refuse(E.noDevice(sel.dev));
  return done(withHost(state, patchHost(host, { routes: host.routes.filter((r) => !routeMatches(host, r, sel)) })));
}
