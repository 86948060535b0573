/** `ip addr`: each link, then its IPv4 addresses. PodPath models IPv4 only, so no inet6 lines. */
import { formatIPv4 } from "../addr/ipv4";
import type { Host, Link, NetState } from "../model/types";
import { linkHeader, linkLayerLine } from "./link";

export function printAddrs(state: NetState, host: Host, links: readonly Link[]): string {
  const out: string[] = [];
  for (const link of links) {
    out.push(linkHeader(state, host, link, false));
    out.push(linkLayerLine(host, link));
    for (const a of host.addrs) {
      if (a.ifindex !== link.ifindex) continue;
      const brd = a.broadcast !== undefined ? ` brd ${formatIPv4(a.broadcast)}` : "";
      const secondary = a.secondary ? " secondary" : "";
      out.push(`    inet ${formatIPv4(a.address)}/${a.prefixLen}${brd} scope ${a.scope}${secondary} ${a.label ?? link.name}`);
      out.push("       valid_lft forever preferred_lft forever");
    }
  }
  return out.length ? out.join("\n") + "\n" : "";
}
