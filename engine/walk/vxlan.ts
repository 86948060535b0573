/** VXLAN (RFC 7348) as drivers/net/vxlan does it: Ethernet frames in UDP between VTEPs. */
import { ZERO_MAC } from "../addr/mac";
import { patchHost } from "../model/state";
import type { FdbEntry, Link, VxlanLink } from "../model/types";
import type { Walk } from "./context";
import { framePacket, ipFrame, scrubPacket, wireSize, type Frame, type Packet } from "./packet";
import { stackRx } from "./l2";
import { routeOutput, sendFromHost } from "./ip-output";
import { learnPmtu } from "./pmtu";

/** Outer IPv4 (20) + UDP (8) + VXLAN (8) + inner Ethernet (14) headers. */
export const VXLAN_OVERHEAD = 50;

/** udp_flow_src_port: a source port from a hash of the inner flow, in 32768-60999. */
function sourcePort(inner: Packet): number {
  const h = (Math.imul(inner.src ^ (inner.dst >>> 3), 0x9e3779b1) ^ ((inner.sport ?? 0) << 16) ^ (inner.dport ?? 0)) >>> 0;
  return 32768 + (h % 28232);
}

/**
 * [VX1] vxlan_xmit: the inner frame's destination MAC is looked up in the VTEP's FDB
 * (`bridge fdb append MAC dev flannel.1 dst IP`); with no entry, the all-zeros entry floods;
 * with neither, the frame is dropped without an error (tx_dropped). Each destination gets a UDP
 * packet from `local` (or the routed source) to the entry's address and the device's dstport,
 * which then leaves through the host's own stack (OUTPUT, POSTROUTING, routing).
 */
export function vxlanXmit(w: Walk, hostName: string, dev: VxlanLink, frame: Frame): void {
  const host = w.host(hostName);
  const entries = (mac: string): Extract<FdbEntry, { kind: "vxlan" }>[] =>
    host.fdb.filter((f): f is Extract<FdbEntry, { kind: "vxlan" }> => f.kind === "vxlan" && f.dev === dev.ifindex && f.mac === mac);
  const direct = entries(frame.dstMac);
  const targets = direct.length > 0 ? direct : entries(ZERO_MAC);
  const inner = framePacket(frame);
  if (targets.length === 0) {
    if (frame.kind === "ip") w.drop(hostName, inner, "VXLAN_NO_FDB", `${dev.name} has no FDB entry for ${frame.dstMac} (bridge fdb show dev ${dev.name}): the frame is dropped`, dev.name);
    return;
  }
  for (const target of targets) {
    // [VX3] skb_tunnel_check_pmtu: when the wrapped packet will not fit the underlay, the VTEP
    // records a path MTU (underlay mtu - 50) for the inner destination; forwarded packets
    // ignore it (ip_forward_use_pmtu=0), the node's own later packets there do not.
    const under = routeOutput(host, target.dst, dev.local, true);
    if (frame.kind === "ip" && under.kind !== "error" && wireSize(inner) + VXLAN_OVERHEAD > under.dev.mtu) learnPmtu(w, hostName, inner.dst, under.dev.mtu - VXLAN_OVERHEAD);
    const outer: Omit<Packet, "src" | "ttl"> = { dst: target.dst, proto: "udp", sport: sourcePort(inner), dport: dev.dstport, size: wireSize(inner) + VXLAN_OVERHEAD, df: false, encap: { vni: dev.vni, frame } };
    if (frame.kind === "ip") {
      const shown: Packet = { dst: outer.dst, proto: outer.proto, sport: outer.sport, dport: outer.dport, size: outer.size, df: outer.df, encap: outer.encap, src: dev.local ?? 0, ttl: 64 };
      w.emit({ step: "vxlan", host: hostName, dev: dev.name, action: "encap", vni: dev.vni, outer: shown, inner });
    }
    sendFromHost(w, hostName, outer, dev.local);
  }
}

/**
 * [VX2] vxlan_rcv: a UDP packet to a port an UP VXLAN device listens on is unwrapped by the
 * device whose VNI matches; no such VNI drops it silently. The inner frame then arrives on that
 * device; with learning on, its source MAC is remembered against the outer source address.
 * Returns false when no VXLAN device listens on the port (the packet is plain UDP).
 */
export function vxlanRcv(w: Walk, hostName: string, pkt: Packet): boolean {
  const host = w.host(hostName);
  const listening = host.links.filter((l): l is VxlanLink => l.kind === "vxlan" && l.up && l.dstport === pkt.dport && (l.local === undefined || l.local === pkt.dst));
  if (listening.length === 0) return false;
  const encap = pkt.encap;
  const dev = encap ? listening.find((l) => l.vni === encap.vni) : undefined;
  if (!encap || !dev) {
    w.drop(hostName, pkt, "VXLAN_NO_VNI", encap ? `no VXLAN device here has VNI ${encap.vni} on port ${pkt.dport} (${listening.map((l) => `${l.name}: VNI ${l.vni}`).join(", ")})` : `UDP to the VXLAN port ${pkt.dport} that is not VXLAN`);
    return true;
  }
  const frame = encap.frame;
  const inner = framePacket(frame);
  if (frame.kind === "ip") w.emit({ step: "vxlan", host: hostName, dev: dev.name, action: "decap", vni: encap.vni, outer: pkt, inner });
  if (dev.learning) learn(w, hostName, dev, frame.srcMac, pkt.src);
  stackRx(w, hostName, dev as Link, frame.kind === "ip" ? ipFrame(frame, scrubPacket(frame.packet, true)) : frame, false);
  return true;
}

function learn(w: Walk, hostName: string, dev: VxlanLink, mac: string, from: number): void {
  const host = w.host(hostName);
  const existing = host.fdb.find((f) => f.kind === "vxlan" && f.dev === dev.ifindex && f.mac === mac);
  if (existing && (existing.kind !== "vxlan" || existing.permanent || existing.dst === from)) return;
  const entry: FdbEntry = { kind: "vxlan", mac, dev: dev.ifindex, dst: from, permanent: false };
  w.setHost(patchHost(host, { fdb: [...host.fdb.filter((f) => f !== existing), entry] }));
}
