/** IPv4 receive and forward (ip_rcv, ip_forward). */
import { linkByIndex } from "../model/state";
import type { Link } from "../model/types";
import type { Walk } from "./context";
import { ICMP, patchPacket, wireSize, type Packet } from "./packet";
import { routeInput } from "./route-input";
import { localDeliver } from "./endpoint";
import { ipOutput, sendIcmpError } from "./ip-output";
import { runHook } from "../netfilter/hooks";
import { refused } from "./nf-verdict";

/** ip_rcv: PREROUTING, then the routing decision. */
export function ipRcv(w: Walk, hostName: string, link: Link, pkt0: Packet): void {
  if (!w.step(hostName, pkt0)) return;
  const pre = runHook(w, hostName, "PREROUTING", pkt0, { inDev: link });
  if (!pre.ok) return refused(w, hostName, pre, link.name);
  ipRcvRouted(w, hostName, link, pre.pkt);
}

/** After PREROUTING: route, then INPUT and the socket, or FORWARD and out. */
export function ipRcvRouted(w: Walk, hostName: string, link: Link, pkt: Packet): void {
  const host = w.host(hostName);
  const route = routeInput(w, host, link, pkt.src, pkt.dst);
  switch (route.kind) {
    case "local": {
      w.emit({ step: "route", host: hostName, pkt, decision: "local", dev: link.name });
      return ipLocalIn(w, hostName, link, pkt);
    }
    case "drop":
      w.drop(hostName, pkt, route.reason, route.detail, link.name);
      if (route.icmp) sendIcmpError(w, hostName, pkt, route.icmp.type, route.icmp.code);
      return;
    case "forward":
      return ipForward(w, hostName, link, pkt, route.outIfindex, route.nexthop, route.route.via);
  }
}

/** ip_local_deliver: INPUT, then the socket. */
export function ipLocalIn(w: Walk, hostName: string, link: Link, pkt: Packet): void {
  const input = runHook(w, hostName, "INPUT", pkt, { inDev: link });
  if (!input.ok) return refused(w, hostName, input, link.name);
  localDeliver(w, hostName, link, input.pkt);
}

/**
 * [FW1] ip_forward: a TTL of 1 or less is answered with ICMP time exceeded; a DF packet larger
 * than the outgoing MTU with ICMP "fragmentation needed" carrying that MTU; otherwise the TTL
 * drops by one and the packet leaves through the route's device.
 */
export function ipForward(w: Walk, hostName: string, inLink: Link, pkt: Packet, outIfindex: number, nexthop: number, via: number | undefined): void {
  const host = w.host(hostName);
  const out = linkByIndex(host, outIfindex);
  if (!out) return w.drop(hostName, pkt, "NO_ROUTE", "the route's device is gone");
  w.emit({ step: "route", host: hostName, pkt, decision: "forward", dev: out.name, via });
  if (pkt.ttl <= 1) {
    w.drop(hostName, pkt, "TTL_EXCEEDED", "time to live exceeded in transit", inLink.name);
    return sendIcmpError(w, hostName, pkt, ICMP.TIME_EXCEEDED, 0);
  }
  if (pkt.df && wireSize(pkt) > out.mtu) {
    w.drop(hostName, pkt, "FRAG_NEEDED", `${wireSize(pkt)}-byte packet with DF set does not fit ${out.name} (mtu ${out.mtu})`, out.name);
    return sendIcmpError(w, hostName, pkt, ICMP.DEST_UNREACH, ICMP.FRAG_NEEDED, out.mtu);
  }
  const fwd = runHook(w, hostName, "FORWARD", patchPacket(pkt, { ttl: pkt.ttl - 1 }), { inDev: inLink, outDev: out });
  if (!fwd.ok) return refused(w, hostName, fwd, inLink.name);
  w.emit({ step: "forward", host: hostName, inDev: inLink.name, outDev: out.name, pkt: fwd.pkt });
  ipOutput(w, hostName, out, nexthop, fwd.pkt);
}
