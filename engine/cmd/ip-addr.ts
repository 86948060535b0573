import type { Mutable } from "../model/mutable";
import type { AddrScope } from "../model/types";
import { Cursor, matches } from "./cursor";
import type { IpCommand } from "./types";
import { invalidArg, readAddress, readDevName, readPrefix, unsupported } from "./values";

export const ADDR_SCOPES: readonly AddrScope[] = ["global", "link", "host"];

/** `ip address` (man ip-address). */
export function parseIpAddr(cur: Cursor): IpCommand {
  if (cur.done) return { type: "addr-show", upOnly: false };
  const verb = cur.next();
  if (matches(verb, "add")) return parseAdd(cur, false);
  if (matches(verb, "replace")) return parseAdd(cur, true);
  if (matches(verb, "change")) return parseAdd(cur, true);
  if (matches(verb, "delete")) return parseDel(cur);
  if (matches(verb, "flush")) return parseFlush(cur);
  if (matches(verb, "show") || matches(verb, "list") || verb === "lst") return parseShow(cur);
  cur.stop(`Command "${verb}" is unknown, try "ip address help".`);
}

function parseAdd(cur: Cursor, replace: boolean): IpCommand {
  let dev: string | undefined;
  let prefix: { address: number; prefixLen: number } | undefined;
  let scope: AddrScope | undefined;
  let broadcast: number | "+" | undefined;
  let label: string | undefined;
  while (!cur.done) {
    const w = cur.next();
    if (w === "dev") dev = readDevName(cur);
    else if (w === "scope") {
      const s = cur.next();
      const found = ADDR_SCOPES.find((x) => x === s);
      if (found === undefined) invalidArg(cur, s, `invalid scope value.`);
      scope = found;
    } else if (w === "broadcast" || w === "brd") {
      if (cur.peek() === "+") {
        cur.next();
        broadcast = "+";
      } else broadcast = readAddress(cur, "broadcast");
    } else if (w === "label") label = cur.next();
    else if (["peer", "remote", "anycast", "valid_lft", "preferred_lft", "noprefixroute", "metric", "nodad", "home", "mngtmpaddr", "autojoin"].includes(w)) unsupported(cur, w, "ip address add");
    else if (prefix === undefined) {
      const col = cur.lastColumn();
      const p = readPrefixAt(cur, w, col);
      prefix = p;
    } else cur.garbage(w, "local");
  }
  if (dev === undefined) cur.stop(`Not enough information: "dev" argument is required.`);
  if (prefix === undefined) cur.stop(`Not enough information: an address is required.`);
  const add: Mutable<Extract<IpCommand, { type: "addr-add" }>> = { type: "addr-add", replace, dev, address: prefix.address, prefixLen: prefix.prefixLen };
  if (scope !== undefined) add.scope = scope;
  if (broadcast !== undefined) add.broadcast = broadcast;
  if (label !== undefined) add.label = label;
  return add;
}

/** The prefix was already read as `w`: re-validate it with the shared reader's message. */
function readPrefixAt(cur: Cursor, w: string, _col: number): { address: number; prefixLen: number; explicitLen: boolean } {
  const inner = new Cursor([{ text: w, column: cur.lastColumn() }], cur.tool, cur.lastColumn() + w.length);
  return readPrefix(inner);
}

function parseDel(cur: Cursor): IpCommand {
  let dev: string | undefined;
  let prefix: { address: number; prefixLen: number; explicitLen: boolean } | undefined;
  while (!cur.done) {
    const w = cur.next();
    if (w === "dev") dev = readDevName(cur);
    else if (prefix === undefined) prefix = readPrefixAt(cur, w, cur.lastColumn());
    else cur.garbage(w, "local");
  }
  if (dev === undefined) cur.stop(`Not enough information: "dev" argument is required.`);
  if (prefix === undefined) cur.stop(`Not enough information: an address is required.`);
  return { type: "addr-del", dev, ...prefix };
}

function parseFlush(cur: Cursor): IpCommand {
  let dev: string | undefined;
  while (!cur.done) {
    const w = cur.next();
    if (w === "dev") dev = readDevName(cur);
    else if (dev === undefined) dev = w;
    else cur.garbage(w);
  }
  if (dev === undefined) cur.stop("Flush requires arguments.");
  return { type: "addr-flush", dev };
}

function parseShow(cur: Cursor): IpCommand {
  let dev: string | undefined;
  let upOnly = false;
  while (!cur.done) {
    const w = cur.next();
    if (w === "dev") dev = readDevName(cur);
    else if (w === "up") upOnly = true;
    else if (dev === undefined) dev = w;
    else cur.garbage(w);
  }
  return { type: "addr-show", upOnly, ...(dev !== undefined ? { dev } : {}) };
}
