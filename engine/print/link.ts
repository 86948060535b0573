/** `ip link`, `ip -d link` and `bridge link`, laid out as iproute2 6.x prints them. */
import { BROADCAST_MAC } from "../addr/mac";
import { formatIPv4 } from "../addr/ipv4";
import { hasCarrier, operState } from "../model/carrier";
import { linkByIndex } from "../model/state";
import type { Host, Link, NetState } from "../model/types";

/** The `<FLAGS>` of a link: NO-CARRIER first, then the interface flags in iproute2's order. */
export function linkFlags(state: NetState, host: Host, link: Link): string {
  const flags: string[] = [];
  const carrier = hasCarrier(state, host, link);
  if (link.up && !carrier) flags.push("NO-CARRIER");
  flags.push(...(link.kind === "loopback" ? ["LOOPBACK"] : ["BROADCAST", "MULTICAST"]));
  if (link.up) flags.push("UP");
  if (link.up && carrier) flags.push("LOWER_UP");
  // iproute2 adds M-DOWN when a veth's peer in the same namespace is down.
  if (link.kind === "veth" && link.peer.host === host.name && !linkByIndex(host, link.peer.ifindex)?.up) flags.push("M-DOWN");
  return `<${flags.join(",")}>`;
}

/** `eth0@if3` for a veth whose peer lives in another namespace, `veth-a@veth-b` in the same one. */
export function linkLabel(host: Host, link: Link): string {
  if (link.kind !== "veth") return link.name;
  if (link.peer.host !== host.name) return `${link.name}@if${link.peer.ifindex}`;
  return `${link.name}@${linkByIndex(host, link.peer.ifindex)?.name ?? `if${link.peer.ifindex}`}`;
}

/** The first line of a link in `ip link` (mode DEFAULT) and `ip addr` (no mode). */
export function linkHeader(state: NetState, host: Host, link: Link, withMode: boolean): string {
  const master = link.master !== undefined ? ` master ${linkByIndex(host, link.master)?.name ?? "?"}` : "";
  const qdisc = link.up || link.wasUp ? "noqueue" : "noop";
  const qlen = " qlen 1000";
  const mode = withMode ? " mode DEFAULT" : "";
  return `${link.ifindex}: ${linkLabel(host, link)}: ${linkFlags(state, host, link)} mtu ${link.mtu} qdisc ${qdisc}${master} state ${operState(state, host, link)}${mode} group default${qlen}`;
}

export function linkLayerLine(host: Host, link: Link): string {
  const type = link.kind === "loopback" ? "loopback" : "ether";
  const brd = link.kind === "loopback" ? "00:00:00:00:00:00" : BROADCAST_MAC;
  const netns = link.kind === "veth" && link.peer.host !== host.name ? ` link-netns ${link.peer.host}` : "";
  return `    link/${type} ${link.mac} brd ${brd}${netns}`;
}

function detailLines(host: Host, link: Link): string[] {
  const mtus = link.kind === "loopback" ? "minmtu 0 maxmtu 0" : "minmtu 68 maxmtu 65535";
  const port = link.master !== undefined ? 1 : 0;
  const lines = [`    promiscuity ${port}  allmulti ${port} ${mtus}`];
  switch (link.kind) {
    case "veth":
      lines.push("    veth ");
      break;
    case "bridge":
      lines.push(`    bridge forward_delay 1500 hello_time 200 max_age 2000 ageing_time ${link.ageingTime * 100} stp_state 0 priority 32768 vlan_filtering 0 nf_call_iptables 0 `);
      break;
    case "vxlan": {
      const local = link.local !== undefined ? ` local ${formatIPv4(link.local)}` : "";
      const dev = link.dev !== undefined ? ` dev ${linkByIndex(host, link.dev)?.name ?? "?"}` : "";
      lines.push(`    vxlan id ${link.vni}${local}${dev} srcport 0 0 dstport ${link.dstport}${link.learning ? "" : " nolearning"} ttl auto ageing 300 `);
      break;
    }
    case "dummy":
      lines.push("    dummy ");
      break;
    case "loopback":
      break;
  }
  if (link.port) {
    lines.push(`    bridge_slave state ${link.up ? "forwarding" : "disabled"} priority 32 cost 2 hairpin ${link.port.hairpin ? "on" : "off"} learning ${link.port.learning ? "on" : "off"} flood ${link.port.flood ? "on" : "off"} `);
  }
  return lines;
}

export function printLinks(state: NetState, host: Host, links: readonly Link[], details: boolean): string {
  const out: string[] = [];
  for (const link of links) {
    out.push(linkHeader(state, host, link, true));
    out.push(linkLayerLine(host, link) + (details ? " " + detailLines(host, link)[0]!.trim() : ""));
    if (details) out.push(...detailLines(host, link).slice(1));
  }
  return out.length ? out.join("\n") + "\n" : "";
}

/** `bridge link`: one line per bridge port. iproute2 names the veth peer by looking its ifindex up in the local namespace. */
export function printBridgeLinks(state: NetState, host: Host, dev?: string): string {
  const out: string[] = [];
  for (const link of host.links) {
    if (link.master === undefined || (dev !== undefined && link.name !== dev)) continue;
    const peerName = link.kind === "veth" ? `@${linkByIndex(host, link.peer.ifindex)?.name ?? `if${link.peer.ifindex}`}` : "";
    const portState = link.up && hasCarrier(state, host, link) && linkByIndex(host, link.master)?.up ? "forwarding" : "disabled";
    out.push(`${link.ifindex}: ${link.name}${peerName}: ${linkFlags(state, host, link)} mtu ${link.mtu} master ${linkByIndex(host, link.master)?.name ?? "?"} state ${portState} priority 32 cost 2 `);
  }
  return out.length ? out.join("\n") + "\n" : "";
}
