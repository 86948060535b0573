import type { IpCommand } from "../cmd/types";
import { linkByName, patchHost, withHost } from "../model/state";
import type { Host, NetState, Neighbour } from "../model/types";
import { E } from "./errors";
import { done, refuse, type ApplyResult } from "./outcome";

type Modify = Extract<IpCommand, { type: "neigh-modify" }>;

/** [NB3] `ip neigh add|replace ADDR lladdr MAC dev D nud permanent` pins an entry the kernel never overwrites from ARP. */
export function neighModify(state: NetState, host: Host, cmd: Modify): ApplyResult {
  const link = linkByName(host, cmd.dev);
  if (!link) return refuse(E.noDevice(cmd.dev));
  const existing = host.neigh.find((n) => n.ifindex === link.ifindex && n.address === cmd.address);
  const rest = host.neigh.filter((n) => n !== existing);
  if (cmd.op === "del") {
    if (!existing) return refuse(E.noNeighbour);
    return done(withHost(state, patchHost(host, { neigh: rest })));
  }
  if (cmd.op === "add" && existing && existing.state !== "FAILED" && existing.state !== "INCOMPLETE") return refuse(E.exists);
  if (cmd.op === "change" && !existing) return refuse(E.noNeighbour);
  const needsMac = cmd.state !== "NOARP" && cmd.state !== "FAILED" && cmd.state !== "INCOMPLETE";
  if (needsMac && cmd.mac === undefined && existing?.mac === undefined) return refuse("RTNETLINK answers: Invalid argument");
  const mac = cmd.mac ?? existing?.mac;
  const entry: Neighbour = { ifindex: link.ifindex, address: cmd.address, state: cmd.state, updated: state.now, ...(mac !== undefined ? { mac } : {}) };
  return done(withHost(state, patchHost(host, { neigh: [...rest, entry] })));
}

export function neighFlush(state: NetState, host: Host, dev: string | undefined): ApplyResult {
  const link = dev !== undefined ? linkByName(host, dev) : undefined;
  if (dev !== undefined && !link) return refuse(E.noDevice(dev));
  // ip neigh flush removes dynamic entries only; permanent ones stay (man ip-neighbour).
  const keep = (n: Neighbour): boolean => (link !== undefined && n.ifindex !== link.ifindex) || n.state === "PERMANENT" || n.state === "NOARP";
  return done(withHost(state, patchHost(host, { neigh: host.neigh.filter(keep) })));
}
