/** `ip route` and `ip route get`, as iproute2 prints them (each route line ends with a space). */
import { formatIPv4, formatPrefix, networkOf } from "../addr/ipv4";
import { hasCarrier } from "../model/carrier";
import { linkByIndex } from "../model/state";
import type { Host, NetState, Route } from "../model/types";
import type { RouteSelector } from "../cmd/types";
import { routeMatches } from "../exec/route";

/** Kernel dump order: by destination, longer prefixes of one key first, then by metric. */
export function sortRoutes(routes: readonly Route[]): Route[] {
  return [...routes].sort((a, b) => a.dst - b.dst || b.prefixLen - a.prefixLen || a.metric - b.metric);
}

export function routeLine(state: NetState, host: Host, r: Route, omitDev = false): string {
  const parts: string[] = [];
  if (r.type !== "unicast") parts.push(r.type);
  parts.push(r.prefixLen === 0 && r.dst === 0 ? "default" : r.prefixLen === 32 ? formatIPv4(r.dst) : formatPrefix(r.dst, r.prefixLen));
  if (r.via !== undefined) parts.push("via", formatIPv4(r.via));
  const dev = r.ifindex !== undefined ? linkByIndex(host, r.ifindex) : undefined;
  if (dev && !omitDev) parts.push("dev", dev.name);
  if (r.proto !== "boot") parts.push("proto", r.proto);
  if (r.scope !== "global") parts.push("scope", r.scope);
  if (r.src !== undefined) parts.push("src", formatIPv4(r.src));
  if (r.metric !== 0) parts.push("metric", String(r.metric));
  if (r.onlink) parts.push("onlink");
  if (dev && !hasCarrier(state, host, dev)) parts.push("linkdown");
  return parts.join(" ") + " ";
}

export function printRoutes(state: NetState, host: Host, sel: RouteSelector, table: "main" | "local" | "all"): string {
  const lines: string[] = [];
  if (table !== "local") {
    for (const r of sortRoutes(host.routes)) if (routeMatches(host, r, sel)) lines.push(routeLine(state, host, r, sel.dev !== undefined));
  }
  if (table !== "main") lines.push(...localTable(host, table === "all"));
  return lines.length ? lines.join("\n") + "\n" : "";
}

function localTable(host: Host, tagged: boolean): string[] {
  const t = tagged ? "table local " : "";
  const rows: { key: number; len: number; line: string }[] = [];
  for (const a of host.addrs) {
    const dev = linkByIndex(host, a.ifindex)?.name ?? "?";
    rows.push({ key: a.address, len: 32, line: `local ${formatIPv4(a.address)} dev ${dev} ${t}proto kernel scope host src ${formatIPv4(a.address)} ` });
    const lo = linkByIndex(host, a.ifindex);
    if (lo?.kind === "loopback" && lo.up && a.prefixLen < 32) {
      const net = networkOf(a.address, a.prefixLen);
      rows.push({ key: net, len: a.prefixLen, line: `local ${formatPrefix(net, a.prefixLen)} dev ${dev} ${t}proto kernel scope host src ${formatIPv4(a.address)} ` });
    }
  }
  return rows.sort((x, y) => x.key - y.key || x.len - y.len).map((r) => r.line);
}
