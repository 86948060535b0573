import type { Link } from "./types";

export type AnyLinkFields = {
  kind: Link["kind"];
  ifindex: number;
  name: string;
  mtu: number;
  mac: string;
  up: boolean;
  wasUp?: boolean | undefined;
  master?: number | undefined;
  port?: unknown;
  peer?: unknown;
  macSet?: boolean | undefined;
  ageingTime?: number | undefined;
  vni?: number | undefined;
  local?: number | undefined;
  dev?: number | undefined;
  dstport?: number | undefined;
  learning?: boolean | undefined;
};

/**
 * Every link is built here with every field of every kind, in one order: links of all kinds then
 * share one object shape, which keeps V8's property access and object spread on the fast path.
 * Fields that do not apply are undefined (and vanish in JSON).
 */
export function shapeLink(f: AnyLinkFields): Link {
  return {
    kind: f.kind,
    ifindex: f.ifindex,
    name: f.name,
    mtu: f.mtu,
    mac: f.mac,
    up: f.up,
    wasUp: f.wasUp,
    master: f.master,
    port: f.port,
    peer: f.peer,
    macSet: f.macSet,
    ageingTime: f.ageingTime,
    vni: f.vni,
    local: f.local,
    dev: f.dev,
    dstport: f.dstport,
    learning: f.learning,
  } as Link;
}

/** A copy of `link` with the fields named in `c` replaced (a field named with undefined is cleared). */
export function patchLink(link: Link, c: Partial<AnyLinkFields>): Link {
  const l = link as unknown as AnyLinkFields;
  return shapeLink({
    kind: l.kind,
    ifindex: "ifindex" in c ? c.ifindex! : l.ifindex,
    name: "name" in c ? c.name! : l.name,
    mtu: "mtu" in c ? c.mtu! : l.mtu,
    mac: "mac" in c ? c.mac! : l.mac,
    up: "up" in c ? c.up! : l.up,
    wasUp: "wasUp" in c ? c.wasUp : l.wasUp,
    master: "master" in c ? c.master : l.master,
    port: "port" in c ? c.port : l.port,
    peer: "peer" in c ? c.peer : l.peer,
    macSet: "macSet" in c ? c.macSet : l.macSet,
    ageingTime: "ageingTime" in c ? c.ageingTime : l.ageingTime,
    vni: "vni" in c ? c.vni : l.vni,
    local: "local" in c ? c.local : l.local,
    dev: "dev" in c ? c.dev : l.dev,
    dstport: "dstport" in c ? c.dstport : l.dstport,
    learning: "learning" in c ? c.learning : l.learning,
  });
}
