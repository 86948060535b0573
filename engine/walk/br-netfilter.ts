/**
 * br_netfilter: with net.bridge.bridge-nf-call-iptables=1, IPv4 frames the bridge forwards
 * between its ports also pass the iptables hooks, with the bridge as both -i and -o and the
 * ports visible to -m physdev.
 */
import { formatIPv4 } from "../addr/ipv4";
import { runHook } from "../netfilter/hooks";
import type { BridgeLink, Link } from "../model/types";
import type { Walk } from "./context";
import { ipFrame, type Frame } from "./packet";
import { resolveNeighbour } from "./arp";
import { ipRcvRouted } from "./ip-input";
import { refused } from "./nf-verdict";
import { routeInput } from "./route-input";

type IpFrame = Extract<Frame, { kind: "ip" }>;

export function bridgeNfActive(w: Walk, hostName: string, frame: Frame, inPort: Link | undefined): frame is IpFrame {
  return frame.kind === "ip" && inPort !== undefined && w.host(hostName).sysctl.bridgeNfCallIptables !== 0;
}

/**
 * [BNF1] br_nf_pre_routing runs PREROUTING on every IPv4 frame entering a port, also those for
 * the bridge's own MAC. If DNAT changed the destination, br_nf_pre_routing_finish routes it
 * again: when the route leaves by the same bridge the frame stays bridged, re-addressed to the
 * new destination's MAC (so a pod reaching itself through its Service needs hairpin on its
 * port); otherwise it goes up the stack (local, or routed elsewhere) without a second PREROUTING.
 */
export function bridgePreRouting(w: Walk, hostName: string, bridge: BridgeLink, inPort: Link, frame: IpFrame): IpFrame | undefined {
  const pre = runHook(w, hostName, "PREROUTING", frame.packet, { inDev: bridge, physIn: inPort.name, bridged: true });
  if (!pre.ok) {
    refused(w, hostName, pre, inPort.name);
    return undefined;
  }
  const pkt = pre.pkt;
  if (pkt.dst === frame.packet.dst) return ipFrame(frame, pkt);
  const route = routeInput(w, w.host(hostName), bridge, pkt.src, pkt.dst);
  if (route.kind === "drop") {
    w.drop(hostName, pkt, route.reason, route.detail, bridge.name);
    return undefined;
  }
  if (route.kind === "local" || route.outIfindex !== bridge.ifindex) {
    ipRcvRouted(w, hostName, bridge, pkt);
    return undefined;
  }
  const mac = resolveNeighbour(w, hostName, bridge, route.nexthop, pkt.src);
  if (mac === undefined) {
    w.drop(hostName, pkt, "NEIGH_FAILED", `no ARP reply for ${formatIPv4(route.nexthop)} on ${bridge.name}`, bridge.name);
    return undefined;
  }
  return ipFrame(frame, pkt, mac);
}

/** [BNF2] A bridged frame leaving by a port passes FORWARD (-i BRIDGE -o BRIDGE) and POSTROUTING (-o BRIDGE). */
export function bridgeForwardOut(w: Walk, hostName: string, bridge: BridgeLink, inPort: Link, outPort: Link, frame: IpFrame): IpFrame | undefined {
  const devs = { inDev: bridge, outDev: bridge, physIn: inPort.name, physOut: outPort.name, bridged: true };
  const fwd = runHook(w, hostName, "FORWARD", frame.packet, devs);
  if (!fwd.ok) {
    refused(w, hostName, fwd, outPort.name);
    return undefined;
  }
  const post = runHook(w, hostName, "POSTROUTING", fwd.pkt, { outDev: bridge, physOut: outPort.name, bridged: true, nexthop: fwd.pkt.dst });
  if (!post.ok) {
    refused(w, hostName, post, outPort.name);
    return undefined;
  }
  return ipFrame(frame, post.pkt);
}
