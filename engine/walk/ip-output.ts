/** Locally generated packets: route output, source selection, neighbour, transmit. */
import { formatIPv4, isLoopback, isMulticast, isZeronet } from "../addr/ipv4";
import { fibLookup, isLocalAddress } from "../net/fib";
import { selectSource } from "../net/source";
import { orConf } from "../model/sysctl-defaults";
import { linkByIndex } from "../model/state";
import type { Host, Link } from "../model/types";
import type { Walk } from "./context";
import { DEFAULT_TTL, fitTo, ICMP, packet, type IcmpHeader, type Packet } from "./packet";
import { resolveNeighbour } from "./arp";
import { devXmit } from "./l2";
import { ipLocalIn } from "./ip-input";
import { runHook } from "../netfilter/hooks";
import { refused } from "./nf-verdict";

export type OutputRoute =
  | { readonly kind: "local"; readonly src: number; readonly dev: Link }
  | { readonly kind: "unicast"; readonly src: number; readonly dev: Link; readonly nexthop: number; readonly via?: number }
  | { readonly kind: "error"; readonly errno: "ENETUNREACH" | "EHOSTUNREACH" | "EACCES" | "EINVAL" | "EADDRNOTAVAIL"; readonly detail: string };

/**
 * [RO1] ip_route_output: a local destination goes through lo; no route is ENETUNREACH
 * ("Network is unreachable"); an `unreachable` route EHOSTUNREACH, `prohibit` EACCES,
 * `blackhole` EINVAL; 127.0.0.0/8 may not leave through a non-loopback device (EINVAL)
 * unless route_localnet. The source is the bound address, else the route's, else [SA1].
 */
export function routeOutput(host: Host, dst: number, bound?: number, anySource = false): OutputRoute {
  if (bound !== undefined && !anySource && !isLocalAddress(host, bound)) return { kind: "error", errno: "EADDRNOTAVAIL", detail: `bind: Cannot assign requested address (${formatIPv4(bound)} is not an address of ${host.name})` };
  const res = fibLookup(host, dst);
  if (!res) return { kind: "error", errno: "ENETUNREACH", detail: "connect: Network is unreachable" };
  if (res.type === "unreachable") return { kind: "error", errno: "EHOSTUNREACH", detail: "connect: No route to host" };
  if (res.type === "prohibit") return { kind: "error", errno: "EACCES", detail: "connect: Permission denied" };
  if (res.type === "blackhole") return { kind: "error", errno: "EINVAL", detail: "connect: Invalid argument" };
  if (res.type === "local") {
    const lo = host.links.find((l) => l.kind === "loopback")!;
    return { kind: "local", src: bound ?? res.prefsrc, dev: lo };
  }
  const dev = linkByIndex(host, res.ifindex)!;
  const src = bound ?? res.route.src ?? selectSource(host, dev.ifindex, res.route.via, res.route.scope);
  if (src !== undefined && isLoopback(src) && dev.kind !== "loopback" && !orConf(host.sysctl, dev.name, "route_localnet")) {
    return { kind: "error", errno: "EINVAL", detail: `connect: Invalid argument (a 127.0.0.0/8 source may not leave through ${dev.name})` };
  }
  if (src === undefined) return { kind: "error", errno: "EADDRNOTAVAIL", detail: `no source address for ${formatIPv4(dst)}` };
  const via = res.route.via;
  return via !== undefined ? { kind: "unicast", src, dev, nexthop: via, via } : { kind: "unicast", src, dev, nexthop: dst };
}

/**
 * Send a locally generated packet whose route was already chosen: OUTPUT, then out.
 * [NF7] A DNAT in OUTPUT routes the packet again (ip_route_me_harder) but keeps the source
 * address the first route chose.
 */
export function sendRouted(w: Walk, hostName: string, route0: Exclude<OutputRoute, { kind: "error" }>, pkt0: Packet): void {
  w.emit({ step: "route", host: hostName, pkt: pkt0, decision: "output", dev: route0.dev.name, src: pkt0.src, via: route0.kind === "unicast" ? route0.via : undefined });
  const nexthop0 = route0.kind === "unicast" ? route0.nexthop : pkt0.dst;
  const out = runHook(w, hostName, "OUTPUT", pkt0, { outDev: route0.dev, nexthop: nexthop0 });
  if (!out.ok) return refused(w, hostName, out, route0.dev.name);
  const pkt = out.pkt;
  let route = route0;
  if (pkt.dst !== pkt0.dst) {
    const again = routeOutput(w.host(hostName), pkt.dst, pkt.src);
    if (again.kind === "error") return w.drop(hostName, pkt, "NO_ROUTE", `after DNAT to ${formatIPv4(pkt.dst)}: ${again.detail}`);
    route = again;
    w.emit({ step: "route", host: hostName, pkt, decision: "output", dev: route.dev.name, src: pkt.src, via: route.kind === "unicast" ? route.via : undefined });
  }
  ipOutput(w, hostName, route.dev, route.kind === "unicast" ? route.nexthop : pkt.dst, pkt);
}

/** [LO1] Traffic to the host's own addresses goes through lo; with lo down it is dropped. It comes back in through PREROUTING and INPUT, already routed. */
function loopbackXmit(w: Walk, hostName: string, lo: Link, pkt: Packet): void {
  if (!lo.up) return w.drop(hostName, pkt, "LO_DOWN", "lo is down: traffic to this host's own addresses goes through lo", "lo");
  const pre = runHook(w, hostName, "PREROUTING", pkt, { inDev: lo });
  if (!pre.ok) return refused(w, hostName, pre, "lo");
  ipLocalIn(w, hostName, lo, pre.pkt);
}

/** POSTROUTING, then neighbour resolution, then the frame leaves `dev`. A failed resolution is reported back as host unreachable. */
export function ipOutput(w: Walk, hostName: string, dev: Link, nexthop: number, pkt0: Packet): void {
  const post = runHook(w, hostName, "POSTROUTING", pkt0, { outDev: dev, nexthop });
  if (!post.ok) return refused(w, hostName, post, dev.name);
  const pkt = post.pkt;
  if (dev.kind === "loopback") return loopbackXmit(w, hostName, dev, pkt);
  const mac = resolveNeighbour(w, hostName, dev, nexthop, pkt.src);
  if (mac === undefined) {
    w.drop(hostName, pkt, "NEIGH_FAILED", `no ARP reply for ${formatIPv4(nexthop)} on ${dev.name}`, dev.name);
    return sendIcmpError(w, hostName, pkt, ICMP.DEST_UNREACH, ICMP.HOST_UNREACH);
  }
  const current = linkByIndex(w.host(hostName), dev.ifindex) ?? dev;
  devXmit(w, hostName, current, { kind: "ip", srcMac: current.mac, dstMac: mac, packet: fitTo(pkt, current.mtu) });
}

/**
 * A host sends a new packet of its own (a reply or an error): route it, then send it.
 * `forged`: the source need not be local (REJECT's tcp-reset answers as the packet's destination).
 */
export function sendFromHost(w: Walk, hostName: string, pkt: Omit<Packet, "src" | "ttl">, src?: number, forged = false): void {
  const route = routeOutput(w.host(hostName), pkt.dst, src, forged);
  const full = packet({ src: route.kind === "error" ? (src ?? 0) : route.src, dst: pkt.dst, ttl: DEFAULT_TTL, proto: pkt.proto, sport: pkt.sport, dport: pkt.dport, tcp: pkt.tcp, icmp: pkt.icmp, size: pkt.size, df: pkt.df, encap: pkt.encap });
  if (route.kind === "error") return w.drop(hostName, full, "NO_ROUTE", route.detail);
  sendRouted(w, hostName, route, full);
}

/**
 * [IC1] icmp_send: never about an ICMP error, nor to a broadcast, multicast or zero source.
 * The error goes back to the packet's source, from the address the route back selects
 * (icmp_errors_use_inbound_ifaddr=0), or from the packet's destination when that is local.
 */
export function sendIcmpError(w: Walk, hostName: string, about: Packet, type: number, code: number, mtu?: number): void {
  if (about.proto === "icmp" && about.icmp && about.icmp.type !== ICMP.ECHO_REQUEST && about.icmp.type !== ICMP.ECHO_REPLY) return;
  if (isZeronet(about.src) || isMulticast(about.src)) return;
  const host = w.host(hostName);
  const src = isLocalAddress(host, about.dst) ? about.dst : undefined;
  const icmp: IcmpHeader = mtu !== undefined ? { type, code, inner: about, mtu } : { type, code, inner: about };
  const pkt: Omit<Packet, "src" | "ttl"> = { dst: about.src, proto: "icmp", icmp, size: 56, df: false };
  const text = icmpErrorText(type, code, mtu);
  w.emit({ step: "icmp-error", host: hostName, pkt: packet({ src: src ?? 0, dst: pkt.dst, ttl: DEFAULT_TTL, proto: pkt.proto, icmp: pkt.icmp, size: pkt.size, df: pkt.df }), about, text });
  sendFromHost(w, hostName, pkt, src);
}

export function icmpErrorText(type: number, code: number, mtu?: number): string {
  if (type === ICMP.TIME_EXCEEDED) return "Time to live exceeded";
  if (type !== ICMP.DEST_UNREACH) return `ICMP type ${type} code ${code}`;
  switch (code) {
    case ICMP.NET_UNREACH:
      return "Destination Net Unreachable";
    case ICMP.HOST_UNREACH:
      return "Destination Host Unreachable";
    case ICMP.PORT_UNREACH:
      return "Destination Port Unreachable";
    case ICMP.FRAG_NEEDED:
      return `Frag needed and DF set (mtu = ${mtu ?? 0})`;
    case ICMP.PKT_FILTERED:
      return "Packet filtered";
    default:
      return `Destination Unreachable (code ${code})`;
  }
}
