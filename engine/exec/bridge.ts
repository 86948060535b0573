import type { BridgeCommand } from "../cmd/types";
import { linkByIndex, linkByName, patchHost, withHost } from "../model/state";
import type { FdbEntry, Host, NetState } from "../model/types";
import { E } from "./errors";
import { done, refuse, type ApplyResult } from "./outcome";
import { patchLink } from "../model/link-shape";

type FdbModify = Extract<BridgeCommand, { type: "fdb-modify" }>;

/**
 * [BR4] `bridge fdb add MAC dev PORT master [static|permanent]` pins a MAC to a bridge port;
 * `bridge fdb append MAC dev VTEP dst IP self permanent` adds a VXLAN forwarding entry (append
 * allows several destinations for one MAC, add refuses a second one: "File exists").
 */
export function fdbModify(state: NetState, host: Host, cmd: FdbModify): ApplyResult {
  const dev = linkByName(host, cmd.dev);
  if (!dev) return refuse(E.noDevice(cmd.dev));
  if (dev.kind === "vxlan" && cmd.self) {
    const same = (f: FdbEntry): boolean => f.kind === "vxlan" && f.dev === dev.ifindex && f.mac === cmd.mac;
    if (cmd.op === "del") {
      const victim = host.fdb.find((f) => same(f) && (cmd.dst === undefined || (f.kind === "vxlan" && f.dst === cmd.dst)));
      if (!victim) return refuse(E.noNeighbour);
      return done(withHost(state, patchHost(host, { fdb: host.fdb.filter((f) => f !== victim) })));
    }
    if (cmd.dst === undefined) return refuse('Error: "dst" is required for a VXLAN forwarding entry.');
    const entry: FdbEntry = { kind: "vxlan", mac: cmd.mac, dev: dev.ifindex, dst: cmd.dst, permanent: cmd.state === "permanent" };
    const existing = host.fdb.filter(same);
    if (cmd.op === "add" && existing.length > 0) return refuse(E.exists);
    if (cmd.op === "append" && existing.some((f) => f.kind === "vxlan" && f.dst === cmd.dst)) return refuse(E.exists);
    const kept = cmd.op === "replace" ? host.fdb.filter((f) => !same(f)) : host.fdb;
    return done(withHost(state, patchHost(host, { fdb: [...kept, entry] })));
  }
  if (!cmd.master || dev.master === undefined) {
    return refuse(`PodPath models FDB entries on bridge ports ("master") and on VXLAN devices ("self"); ${dev.name} is ${dev.master === undefined ? "not a bridge port" : "a bridge port: add \"master\""}.`);
  }
  const same = (f: FdbEntry): boolean => f.kind === "bridge" && f.bridge === dev.master && f.mac === cmd.mac;
  if (cmd.op === "del") {
    const victim = host.fdb.find(same);
    if (!victim) return refuse(E.noNeighbour);
    return done(withHost(state, patchHost(host, { fdb: host.fdb.filter((f) => f !== victim) })));
  }
  const existing = host.fdb.find(same);
  if (cmd.op === "add" && existing && existing.kind === "bridge" && existing.state !== "learned") return refuse(E.exists);
  const entry: FdbEntry = { kind: "bridge", mac: cmd.mac, port: dev.ifindex, bridge: dev.master, state: cmd.state === "dynamic" ? "learned" : cmd.state, updated: state.now };
  return done(withHost(state, patchHost(host, { fdb: [...host.fdb.filter((f) => f !== existing), entry] })));
}

export function bridgeLinkSet(state: NetState, host: Host, devName: string, flags: Extract<BridgeCommand, { type: "link-set" }>["flags"]): ApplyResult {
  const dev = linkByName(host, devName);
  if (!dev) return refuse(`Cannot find bridge device "${devName}"`);
  if (dev.master === undefined || !dev.port || linkByIndex(host, dev.master)?.kind !== "bridge") return refuse("RTNETLINK answers: Operation not supported");
  const port = { ...dev.port, ...flags };
  return done(withHost(state, patchHost(host, { links: host.links.map((l) => (l.ifindex === dev.ifindex ? patchLink(dev, { port }) : l)) })));
}
