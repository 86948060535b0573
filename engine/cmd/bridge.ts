import { Cursor, matches } from "./cursor";
import type { BridgeCommand } from "./types";
import { readAddress, readDevName, readMac, readOnOff, unsupported } from "./values";
import type { BridgePortFlags } from "../model/types";

/** `bridge` (man bridge): fdb and link. */
export function parseBridge(cur: Cursor): BridgeCommand {
  if (cur.done) cur.stop('Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }\nwhere  OBJECT := { link | fdb | mdb | vlan | vni | monitor }');
  const object = cur.next();
  if (matches(object, "fdb")) return parseFdb(cur);
  if (matches(object, "link")) return parseLink(cur);
  if (["mdb", "vlan", "vni", "monitor"].some((o) => matches(object, o))) unsupported(cur, `bridge ${object}`, "bridge");
  cur.stop(`Object "${object}" is unknown, try "bridge help".`);
}

function parseFdb(cur: Cursor): BridgeCommand {
  if (cur.done) return { type: "fdb-show" };
  const verb = cur.next();
  if (matches(verb, "show") || matches(verb, "list") || verb === "lst") {
    let dev: string | undefined;
    let br: string | undefined;
    while (!cur.done) {
      const w = cur.next();
      if (w === "dev") dev = readDevName(cur);
      else if (w === "br") br = readDevName(cur);
      else cur.garbage(w);
    }
    return { type: "fdb-show", ...(dev !== undefined ? { dev } : {}), ...(br !== undefined ? { br } : {}) };
  }
  const op = (["add", "append", "replace", "delete"] as const).find((v) => matches(verb, v));
  if (op === undefined) cur.stop(`Command "${verb}" is unknown, try "bridge fdb help".`);
  let mac: string | undefined;
  let dev: string | undefined;
  let dst: number | undefined;
  let self = false;
  let master = false;
  let state: "permanent" | "static" | "dynamic" = "permanent";
  while (!cur.done) {
    const w = cur.next();
    if (w === "dev") dev = readDevName(cur);
    else if (w === "dst") dst = readAddress(cur, "dst");
    else if (w === "self") self = true;
    else if (w === "master") master = true;
    else if (w === "permanent" || w === "local") state = "permanent";
    else if (w === "static" || w === "temp") state = "static";
    else if (w === "dynamic") state = "dynamic";
    else if (["vlan", "vni", "port", "via", "src_vni", "router", "use", "extern_learn", "sticky", "nhid", "norouter"].includes(w)) unsupported(cur, w, "bridge fdb");
    else if (mac === undefined) {
      const inner = new Cursor([{ text: w, column: cur.lastColumn() }], "bridge fdb", cur.lastColumn());
      mac = readMac(inner);
    } else cur.garbage(w);
  }
  if (mac === undefined || dev === undefined) cur.stop("Device and address are required arguments.");
  // bridge(8): with neither "self" nor "master", the entry goes to the device itself ("self").
  if (!self && !master) self = true;
  return { type: "fdb-modify", op: op === "delete" ? "del" : op, mac, dev, self, master, state, ...(dst !== undefined ? { dst } : {}) };
}

function parseLink(cur: Cursor): BridgeCommand {
  if (cur.done) return { type: "link-show" };
  const verb = cur.next();
  if (matches(verb, "show") || matches(verb, "list") || verb === "lst") {
    let dev: string | undefined;
    while (!cur.done) {
      const w = cur.next();
      if (w === "dev") dev = readDevName(cur);
      else cur.garbage(w);
    }
    return { type: "link-show", ...(dev !== undefined ? { dev } : {}) };
  }
  if (!matches(verb, "set")) cur.stop(`Command "${verb}" is unknown, try "bridge link help".`);
  let dev: string | undefined;
  const flags: { -readonly [K in keyof BridgePortFlags]?: boolean } = {};
  while (!cur.done) {
    const w = cur.next();
    if (w === "dev") dev = readDevName(cur);
    else if (w === "hairpin" || w === "learning" || w === "flood") flags[w] = readOnOff(cur, w);
    else if (["cost", "priority", "state", "guard", "fastleave", "root_block", "learning_sync", "mcast_flood", "bcast_flood", "neigh_suppress", "vlan_tunnel", "isolated", "locked", "backup_port"].includes(w)) unsupported(cur, w, "bridge link set");
    else cur.garbage(w);
  }
  if (dev === undefined) cur.stop('Device is a required argument.');
  return { type: "link-set", dev, flags };
}
