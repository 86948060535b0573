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
  const copy = shapeLink(link as unknown as AnyLinkFields) as unknown as Record<string, unknown>;
  // Only the fields `c` names: testing every field `in c` costs more than walking c's few keys.
  for (const k in c) if (k !== "kind") copy[k] = c[k as keyof AnyLinkFields];
  return copy as unknown as Link;
}
