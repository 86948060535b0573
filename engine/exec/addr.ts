import { broadcastOf, inPrefix, isLoopback, networkOf } from "../addr/ipv4";
import type { IpCommand } from "../cmd/types";
import { connectedRoute } from "../model/host-ops";
import { linkByName, patchHost, withHost } from "../model/state";
import type { Mutable } from "../model/mutable";
import type { Address, Host, NetState } from "../model/types";
import { E } from "./errors";
import { done, refuse, type ApplyResult } from "./outcome";

type Add = Extract<IpCommand, { type: "addr-add" }>;
type Del = Extract<IpCommand, { type: "addr-del" }>;

const sameSubnet = (a: Address, b: { address: number; prefixLen: number }): boolean =>
  a.prefixLen === b.prefixLen && inPrefix(b.address, networkOf(a.address, a.prefixLen), a.prefixLen);

/**
 * [AD2] `ip addr add A/L dev D`: no /L means /32. A second address in a subnet the device already
 * has (same mask) becomes "secondary"; the same address with the same mask is refused
 * ("Address already assigned"). [AD3] Only a primary address on an UP device gets a connected
 * route; loopback addresses default to scope host.
 */
export function addrAdd(state: NetState, host: Host, cmd: Add): ApplyResult {
  const link = linkByName(host, cmd.dev);
  if (!link) return refuse(E.noDevice(cmd.dev));
  const onDev = host.addrs.filter((a) => a.ifindex === link.ifindex);
  const same = onDev.find((a) => a.address === cmd.address && a.prefixLen === cmd.prefixLen);
  const scope = cmd.scope ?? (isLoopback(cmd.address) ? "host" : "global");
  const broadcast = cmd.broadcast === "+" ? broadcastOf(cmd.address, cmd.prefixLen) : cmd.broadcast;
  if (same) {
    if (!cmd.replace) return refuse(E.addrAssigned);
    const updated: Address = { ...same, scope, ...(broadcast !== undefined ? { broadcast } : {}), ...(cmd.label !== undefined ? { label: cmd.label } : {}) };
    return done(withHost(state, patchHost(host, { addrs: host.addrs.map((a) => (a === same ? updated : a)) })));
  }
  const secondary = onDev.some((a) => sameSubnet(a, cmd));
  const address: Mutable<Address> = { ifindex: link.ifindex, address: cmd.address, prefixLen: cmd.prefixLen, scope, secondary };
  if (broadcast !== undefined) address.broadcast = broadcast;
  if (cmd.label !== undefined) address.label = cmd.label;
  let next: Host = patchHost(host, { addrs: [...host.addrs, address] });
  const route = connectedRoute(address);
  if (!secondary && link.up && link.kind !== "loopback" && route) next = patchHost(next, { routes: [...next.routes, route] });
  return done(withHost(state, next));
}

/**
 * [AD4] Deleting an address removes its connected route and every route that uses it as
 * `src` (fib_sync_down_addr); deleting a primary also deletes its secondaries; when the
 * device has no address left, every route through it goes (fib_disable_ip).
 * Without /L, the first address equal to A is deleted whatever its length (iproute2 warns).
 */
export function addrDel(state: NetState, host: Host, cmd: Del): ApplyResult {
  const link = linkByName(host, cmd.dev);
  if (!link) return refuse(E.noDevice(cmd.dev));
  const target = host.addrs.find((a) => a.ifindex === link.ifindex && a.address === cmd.address && (!cmd.explicitLen || a.prefixLen === cmd.prefixLen));
  if (!target) return refuse(E.addrNotFound);
  const gone = new Set<Address>([target]);
  if (!target.secondary) for (const a of host.addrs) if (a.ifindex === link.ifindex && a.secondary && sameSubnet(target, a)) gone.add(a);
  return done(withHost(state, removeAddresses(host, link.ifindex, gone)));
}

export function addrFlush(state: NetState, host: Host, dev: string): ApplyResult {
  const link = linkByName(host, dev);
  if (!link) return refuse(E.noDevice(dev));
  return done(withHost(state, removeAddresses(host, link.ifindex, new Set(host.addrs.filter((a) => a.ifindex === link.ifindex)))));
}

function removeAddresses(host: Host, ifindex: number, gone: Set<Address>): Host {
  const addrs = host.addrs.filter((a) => !gone.has(a));
  const lastOnDev = !addrs.some((a) => a.ifindex === ifindex);
  const goneAddrs = [...gone].map((a) => a.address);
  const routes = host.routes.filter((r) => {
    if (lastOnDev && r.ifindex === ifindex) return false;
    if (r.src !== undefined && goneAddrs.includes(r.src) && !addrs.some((a) => a.address === r.src)) return false;
    return !(r.proto === "kernel" && r.ifindex === ifindex && [...gone].some((a) => !a.secondary && r.dst === networkOf(a.address, a.prefixLen) && r.prefixLen === a.prefixLen));
  });
  return patchHost(host, { addrs, routes });
}
