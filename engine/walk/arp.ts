/** ARP (RFC 826) as net/ipv4/arp.c does it, and the neighbour cache it fills. */
import { BROADCAST_MAC, ZERO_MAC } from "../addr/mac";
import { isLocalAddress } from "../net/fib";
import { selectSource } from "../net/source";
import type { Link, NeighState, Neighbour } from "../model/types";
import type { Walk } from "./context";
import { devXmit } from "./l2";
import { framePacket, type Frame } from "./packet";
import { routeInput } from "./route-input";
import { formatIPv4 } from "../addr/ipv4";
import { patchHost } from "../model/state";

const USABLE: readonly NeighState[] = ["PERMANENT", "NOARP", "REACHABLE", "STALE", "DELAY", "PROBE"];

/** The entry replaces any for the same device and address, and goes last. */
function setNeigh(w: Walk, hostName: string, entry: Neighbour): void {
  const host = w.host(hostName);
  const neigh: Neighbour[] = [];
  for (const n of host.neigh) if (!(n.ifindex === entry.ifindex && n.address === entry.address)) neigh.push(n);
  neigh.push(entry);
  w.setHost(patchHost(host, { neigh }));
}

function findNeigh(w: Walk, hostName: string, ifindex: number, address: number): Neighbour | undefined {
  for (const n of w.host(hostName).neigh) if (n.ifindex === ifindex && n.address === address) return n;
  return undefined;
}

/**
 * [NB1] Resolve `nexthop` on `link`: a usable cache entry (permanent, reachable, stale...) is
 * used as it is, right or wrong; otherwise an ARP request is broadcast and the entry becomes
 * REACHABLE when a reply comes back, or FAILED (the kernel gives up after
 * mcast_solicit=3 tries, about 3 s).
 */
export function resolveNeighbour(w: Walk, hostName: string, link: Link, nexthop: number, pktSrc: number): string | undefined {
  if (link.kind === "loopback") return ZERO_MAC;
  const cached = findNeigh(w, hostName, link.ifindex, nexthop);
  if (cached?.mac !== undefined && USABLE.includes(cached.state)) {
    w.emit({ step: "neigh", host: hostName, dev: link.name, ip: nexthop, state: "cached", mac: cached.mac });
    return cached.mac;
  }
  const host = w.host(hostName);
  // arp_solicit with arp_announce=0: the packet's source if it is ours, else the device's address.
  const senderIp = isLocalAddress(host, pktSrc) ? pktSrc : (selectSource(host, link.ifindex, nexthop, "link") ?? 0);
  setNeigh(w, hostName, { ifindex: link.ifindex, address: nexthop, state: "INCOMPLETE", updated: w.now });
  const request: Frame = { kind: "arp", op: "request", srcMac: link.mac, dstMac: BROADCAST_MAC, senderIp, senderMac: link.mac, targetIp: nexthop };
  devXmit(w, hostName, link, request, true);
  const after = findNeigh(w, hostName, link.ifindex, nexthop);
  if (after?.state === "REACHABLE" && after.mac !== undefined) {
    w.emit({ step: "neigh", host: hostName, dev: link.name, ip: nexthop, state: "resolved", mac: after.mac });
    return after.mac;
  }
  setNeigh(w, hostName, { ifindex: link.ifindex, address: nexthop, state: "FAILED", updated: w.now });
  w.emit({ step: "neigh", host: hostName, dev: link.name, ip: nexthop, state: "failed" });
  return undefined;
}

/**
 * [NB2] arp_process: a request for one of our addresses (checked by ip_route_input, so
 * rp_filter and martian rules apply, arp_ignore=0 answers for any local address on any device)
 * is answered out the device it came in on, and the asker is cached as STALE. A reply updates
 * an entry we are waiting for (REACHABLE); permanent entries are never overwritten.
 */
export function arpInput(w: Walk, hostName: string, link: Link, frame: Extract<Frame, { kind: "arp" }>): void {
  const existing = findNeigh(w, hostName, link.ifindex, frame.senderIp);
  const admin = existing && (existing.state === "PERMANENT" || existing.state === "NOARP");
  if (frame.op === "reply") {
    if (existing && !admin && frame.dstMac === link.mac) {
      setNeigh(w, hostName, { ifindex: link.ifindex, address: frame.senderIp, mac: frame.senderMac, state: "REACHABLE", updated: w.now });
    }
    return;
  }
  const host = w.host(hostName);
  if (!isLocalAddress(host, frame.targetIp)) return;
  const route = routeInput(w, host, link, frame.senderIp, frame.targetIp);
  if (route.kind !== "local") {
    w.emit({ step: "drop", host: hostName, dev: link.name, pkt: framePacket(frame), reason: route.kind === "drop" ? route.reason : "IP_INVALID_SOURCE", detail: `ARP request from ${formatIPv4(frame.senderIp)} not answered: ${route.kind === "drop" ? route.detail : "not local"}` });
    return;
  }
  if (!admin) setNeigh(w, hostName, { ifindex: link.ifindex, address: frame.senderIp, mac: frame.senderMac, state: "STALE", updated: w.now });
  const reply: Frame = { kind: "arp", op: "reply", srcMac: link.mac, dstMac: frame.senderMac, senderIp: frame.targetIp, senderMac: link.mac, targetIp: frame.senderIp, targetMac: frame.senderMac };
  devXmit(w, hostName, link, reply, true);
}
