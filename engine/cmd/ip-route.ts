import type { RouteProto, RouteScope, RouteType } from "../model/types";
import { Cursor, matches } from "./cursor";
import type { IpCommand, RouteSelector, RouteSpec } from "./types";
import { invalidArg, readAddress, readDevName, readUint, unsupported } from "./values";
import { parsePrefix } from "../addr/ipv4";

const ROUTE_TYPES: readonly RouteType[] = ["unicast", "blackhole", "unreachable", "prohibit"];
const UNSUPPORTED_TYPES = ["local", "broadcast", "multicast", "throw", "nat", "anycast"];
const SCOPES: Record<string, RouteScope> = { global: "global", universe: "global", link: "link", host: "host" };
const PROTOS: Record<string, RouteProto> = { kernel: "kernel", boot: "boot", static: "static", dhcp: "dhcp", "2": "kernel", "3": "boot", "4": "static", "16": "dhcp" };

/** `ip route` (man ip-route). */
export function parseIpRoute(cur: Cursor): IpCommand {
  if (cur.done) return { type: "route-show", selector: {}, table: "main" };
  const verb = cur.next();
  if (matches(verb, "add")) return modify(cur, "add");
  if (matches(verb, "change") || verb === "chg") return modify(cur, "change");
  if (matches(verb, "replace")) return modify(cur, "replace");
  if (matches(verb, "prepend")) return modify(cur, "prepend");
  if (matches(verb, "append")) return modify(cur, "append");
  if (matches(verb, "delete")) return modify(cur, "del");
  if (matches(verb, "list") || matches(verb, "show") || verb === "lst") return show(cur);
  if (matches(verb, "get")) return get(cur);
  if (matches(verb, "flush")) return flush(cur);
  cur.stop(`Command "${verb}" is unknown, try "ip route help".`);
}

function readDst(cur: Cursor, word: string): { dst: number; prefixLen: number } {
  if (word === "default" || word === "all" || word === "any") return { dst: 0, prefixLen: 0 };
  const p = parsePrefix(word);
  if (p === undefined) cur.stop(`Error: inet prefix is expected rather than "${word}".`);
  return { dst: p.address, prefixLen: p.prefixLen };
}

function readTable(cur: Cursor, forShow: boolean): "main" | "local" | "all" {
  const t = cur.next();
  if (t === "main" || t === "254") return "main";
  if (forShow && (t === "local" || t === "255")) return "local";
  if (forShow && t === "all") return "all";
  unsupported(cur, `table ${t}`, "ip route (PodPath models the main table; policy routing is not supported)");
}

function modify(cur: Cursor, op: Extract<IpCommand, { type: "route-modify" }>["op"]): IpCommand {
  let type: RouteType | undefined;
  let dst: { dst: number; prefixLen: number } | undefined;
  let dstColumn = 0;
  const r: { via?: number; dev?: string; onlink: boolean; scope?: RouteScope; src?: number; metric?: number; proto?: RouteProto } = { onlink: false };
  while (!cur.done) {
    const w = cur.next();
    if (w === "via") {
      if (cur.peek() === "inet") cur.next();
      r.via = readAddress(cur, "gateway");
    } else if (w === "dev" || w === "oif") r.dev = readDevName(cur);
    else if (w === "onlink") r.onlink = true;
    else if (w === "scope") {
      const s = cur.next();
      const scope = SCOPES[s];
      if (scope === undefined) invalidArg(cur, s, `invalid "scope" value`);
      r.scope = scope;
    } else if (w === "src") r.src = readAddress(cur, "source");
    else if (w === "metric" || w === "preference" || w === "priority") r.metric = readUint(cur, "metric");
    else if (w === "proto" || w === "protocol") {
      const p = cur.next();
      const proto = PROTOS[p];
      if (proto === undefined) invalidArg(cur, p, `invalid "protocol" value`);
      r.proto = proto;
    } else if (w === "table") readTable(cur, false);
    else if (w === "to") {
      dstColumn = cur.column();
      dst = readDst(cur, cur.next());
    } else if (ROUTE_TYPES.includes(w as RouteType) && dst === undefined) type = w as RouteType;
    else if (UNSUPPORTED_TYPES.includes(w) && dst === undefined) unsupported(cur, `route type ${w}`, "ip route");
    else if (["tos", "dsfield", "mtu", "advmss", "rtt", "realm", "nexthop", "weight", "encap", "expires", "pref", "congctl", "features", "quickack", "initcwnd", "initrwnd", "hoplimit", "fastopen_no_cookie", "ttl-propagate", "nhid", "pervasive", "mpath", "mark", "from"].includes(w)) unsupported(cur, w, "ip route");
    else if (dst === undefined) {
      dstColumn = cur.lastColumn();
      dst = readDst(cur, w);
    } else cur.garbage(w, "to");
  }
  if (dst === undefined) cur.incomplete();
  const route: RouteSpec = { ...(type !== undefined ? { type } : {}), ...dst, dstColumn, ...r };
  return { type: "route-modify", op, route };
}

function readSelector(cur: Cursor, allowTable: boolean): { selector: RouteSelector; table: "main" | "local" | "all" } {
  const sel: { dst?: RouteSelector["dst"]; dev?: string; via?: number; proto?: RouteProto; scope?: RouteScope; type?: RouteType } = {};
  let table: "main" | "local" | "all" = "main";
  while (!cur.done) {
    const w = cur.next();
    if (w === "dev" || w === "oif") sel.dev = readDevName(cur);
    else if (w === "via") sel.via = readAddress(cur, "gateway");
    else if (w === "table" && allowTable) table = readTable(cur, true);
    else if (w === "proto" || w === "protocol") {
      const p = PROTOS[cur.next()];
      if (p === undefined) invalidArg(cur, cur.peek() ?? "", `invalid "protocol" value`);
      sel.proto = p;
    } else if (w === "scope") {
      const s = SCOPES[cur.next()];
      if (s === undefined) invalidArg(cur, "scope", `invalid "scope" value`);
      sel.scope = s;
    } else if (w === "type") {
      const t = cur.next();
      if (!ROUTE_TYPES.includes(t as RouteType)) invalidArg(cur, t, `invalid "type" value`);
      sel.type = t as RouteType;
    } else if (w === "exact" || w === "root" || w === "match" || w === "to") {
      const d = readDst(cur, cur.next());
      sel.dst = { address: d.dst, prefixLen: d.prefixLen, exact: w !== "root" && w !== "match" };
    } else if (sel.dst === undefined) {
      const d = readDst(cur, w);
      sel.dst = { address: d.dst, prefixLen: d.prefixLen, exact: true };
    } else cur.garbage(w, "to");
  }
  return { selector: sel, table };
}

function show(cur: Cursor): IpCommand {
  const { selector, table } = readSelector(cur, true);
  return { type: "route-show", selector, table };
}

function flush(cur: Cursor): IpCommand {
  if (cur.done) cur.stop('"ip route flush" requires arguments.');
  const { selector } = readSelector(cur, true);
  return { type: "route-flush", selector };
}

function get(cur: Cursor): IpCommand {
  let dst: number | undefined;
  let from: number | undefined;
  let iif: string | undefined;
  let oif: string | undefined;
  while (!cur.done) {
    const w = cur.next();
    if (w === "from") from = readAddress(cur, "source");
    else if (w === "iif") iif = readDevName(cur);
    else if (w === "oif" || w === "dev") oif = readDevName(cur);
    else if (w === "to") dst = readAddress(cur, "destination");
    else if (["mark", "tos", "dsfield", "uid", "ipproto", "sport", "dport", "fibmatch", "connected", "vrf"].includes(w)) unsupported(cur, w, "ip route get");
    else if (dst === undefined) {
      const p = parsePrefix(w);
      if (p === undefined) cur.stop(`Error: inet prefix is expected rather than "${w}".`);
      dst = p.address;
    } else cur.garbage(w, "to");
  }
  if (dst === undefined) cur.incomplete();
  return { type: "route-get", dst, ...(from !== undefined ? { from } : {}), ...(iif !== undefined ? { iif } : {}), ...(oif !== undefined ? { oif } : {}) };
}
