/** Layer 2: devices hand frames to each other; bridges learn, forward and flood. */
import { BROADCAST_MAC, isMulticastMac } from "../addr/mac";
import { hasCarrierIn } from "../model/carrier";
import { linkByIndex, patchHost } from "../model/state";
import type { BridgeLink, FdbEntry, Host, Link } from "../model/types";
import type { Walk } from "./context";
import type { TraceEvent } from "./trace";
import { fitTo, framePacket, ipFrame, scrubPacket, wireSize, type Frame, type Packet } from "./packet";
import { arpInput } from "./arp";
import { ipRcv, ipRcvRouted } from "./ip-input";
import { bridgeForwardOut, bridgeNfActive, bridgePreRouting } from "./br-netfilter";
import { vxlanXmit } from "./vxlan";

/**
 * [MT2] A device takes a frame only if its IP packet fits the device's MTU, plus the 4 bytes
 * is_skb_forwardable allows for a VLAN tag: veth_xmit checks the peer, the bridge each port.
 * A larger frame is dropped without any ICMP error.
 */
function tooBig(frame: Frame, receiver: Link): boolean {
  return frame.kind === "ip" && wireSize(frame.packet) > receiver.mtu + 4;
}

/**
 * [MT3] With bridge-nf-call-iptables=1, br_netfilter refragments a bridged IPv4 packet without
 * DF to the outgoing port's MTU (br_nf_dev_queue_xmit); a DF packet is dropped.
 */
function refragment(host: Host, frame: Frame, port: Link): Frame {
  if (frame.kind !== "ip" || host.sysctl.bridgeNfCallIptables === 0) return frame;
  return ipFrame(frame, fitTo(frame.packet, port.mtu));
}

/** A device of `host` transmits `frame`. */
export function devXmit(w: Walk, hostName: string, link: Link, frame: Frame, quiet = false): void {
  // framePacket is called where a packet is needed: for an ARP frame it builds a stand-in, which most hops never need.
  if (!w.step(hostName, frame)) return;
  if (!link.up) return w.drop(hostName, framePacket(frame), "DEV_DOWN", `${link.name} is down`, link.name);
  switch (link.kind) {
    case "loopback":
      return frameRx(w, hostName, link, frame, quiet);
    case "veth": {
      const peerHost = w.findHost(link.peer.host);
      const peer = peerHost ? linkByIndex(peerHost, link.peer.ifindex) : undefined;
      // [L2V1] veth_xmit drops when the peer is not up (is_skb_forwardable).
      if (!peerHost || !peer || !peer.up) return w.drop(hostName, framePacket(frame), "PEER_DOWN", `the other end of ${link.name} (${peer?.name ?? "?"} in ${link.peer.host}) is down`, link.name);
      if (tooBig(frame, peer)) return w.drop(peerHost.name, framePacket(frame), "FRAME_TOO_BIG", `${wireSize(framePacket(frame))}-byte packet is larger than ${peer.name}'s mtu ${peer.mtu}`, peer.name);
      if (frame.kind === "ip" || !quiet) w.emit({ step: "tx", host: hostName, dev: link.name, pkt: framePacket(frame), toHost: peerHost.name, toDev: peer.name });
      let crossed = frame;
      if (frame.kind === "ip") {
        const scrubbed = scrubPacket(frame.packet, peerHost.name !== hostName);
        if (scrubbed !== frame.packet) crossed = ipFrame(frame, scrubbed);
      }
      return frameRx(w, peerHost.name, peer, crossed, quiet);
    }
    case "bridge":
      return bridgeDevXmit(w, hostName, link, frame, quiet);
    case "dummy":
      return w.drop(hostName, framePacket(frame), "DEVICE_DISCARDS", `${link.name} is a dummy device: it discards what it sends`, link.name);
    case "vxlan":
      return vxlanXmit(w, hostName, link, frame);
  }
}

/** A frame arrives on `link` of `host`. */
function frameRx(w: Walk, hostName: string, link: Link, frame: Frame, quiet: boolean): void {
  if (!link.up) return w.drop(hostName, framePacket(frame), "DEV_DOWN", `${link.name} is down`, link.name);
  if (link.master !== undefined) {
    const host = w.host(hostName);
    const bridge = linkByIndex(host, link.master);
    if (bridge?.kind === "bridge") return bridgeInput(w, hostName, bridge, link, frame, quiet);
  }
  stackRx(w, hostName, link, frame, quiet);
}

/** The frame is handed to the host's own stack (ARP or IP) on `link`. */
export function stackRx(w: Walk, hostName: string, link: Link, frame: Frame, quiet: boolean): void {
  const forMe = frame.dstMac === link.mac || frame.dstMac === BROADCAST_MAC || link.kind === "loopback";
  if (frame.kind === "arp") {
    if (forMe) arpInput(w, hostName, link, frame);
    return;
  }
  // [L2E1] A frame for another MAC is PACKET_OTHERHOST: ip_rcv drops it.
  if (!forMe) {
    if (!quiet) w.drop(hostName, frame.packet, "OTHERHOST", `frame for ${frame.dstMac} is not for ${link.name} (${link.mac})`, link.name);
    return;
  }
  ipRcv(w, hostName, link, frame.packet);
}

/** [BR1] A port forwards when the bridge is up and the port is up with carrier (no STP here). */
function portForwarding(w: Walk, host: Host, bridge: BridgeLink, port: Link): boolean {
  return bridge.up && port.up && hasCarrierIn(w, host, port);
}

function fdbLookup(w: Walk, host: Host, bridge: BridgeLink, mac: string): FdbEntry | undefined {
  for (const f of host.fdb) {
    if (f.kind === "bridge" && f.bridge === bridge.ifindex && f.mac === mac && (f.state !== "learned" || w.now - f.updated <= bridge.ageingTime)) return f;
  }
  return undefined;
}

/** [BR2] Local: the bridge's own MAC and each port's MAC (the "permanent" FDB entries). */
function isLocalMac(host: Host, bridge: BridgeLink, mac: string): boolean {
  if (bridge.mac === mac) return true;
  for (const l of host.links) if (l.master === bridge.ifindex && l.mac === mac) return true;
  return false;
}

/** The port of `bridge` with this ifindex. */
function bridgePort(host: Host, bridge: BridgeLink, ifindex: number): Link | undefined {
  for (const l of host.links) if (l.master === bridge.ifindex && l.ifindex === ifindex) return l;
  return undefined;
}

function learn(w: Walk, hostName: string, bridge: BridgeLink, port: Link, mac: string): void {
  const host = w.host(hostName);
  if (isMulticastMac(mac) || isLocalMac(host, bridge, mac) || port.port?.learning === false) return;
  let existing: FdbEntry | undefined;
  for (const f of host.fdb) {
    if (f.kind === "bridge" && f.bridge === bridge.ifindex && f.mac === mac) {
      existing = f;
      break;
    }
  }
  if (existing && existing.kind === "bridge" && existing.state !== "learned") return;
  if (existing && existing.kind === "bridge" && existing.port === port.ifindex && existing.updated === w.now) return;
  const entry: FdbEntry = { kind: "bridge", mac, port: port.ifindex, bridge: bridge.ifindex, state: "learned", updated: w.now };
  const fdb: FdbEntry[] = [];
  for (const f of host.fdb) if (f !== existing) fdb.push(f);
  fdb.push(entry);
  w.setHost(patchHost(host, { fdb }));
}

/**
 * [BR3] br_handle_frame: learn the source MAC on the port; a frame for a local MAC goes up the
 * bridge device; broadcast floods and goes up; a known unicast MAC goes out its port, never back
 * out the port it came in on unless that port has hairpin on; an unknown one floods.
 */
function bridgeInput(w: Walk, hostName: string, bridge: BridgeLink, inPort: Link, frame: Frame, quiet: boolean): void {
  const host = w.host(hostName);
  if (!portForwarding(w, host, bridge, inPort)) return w.drop(hostName, framePacket(frame), "BRIDGE_PORT_NOT_FORWARDING", `bridge ${bridge.name} is ${bridge.up ? "up" : "down"}; port ${inPort.name} does not forward`, inPort.name);
  learn(w, hostName, bridge, inPort, frame.srcMac);
  forwardOnBridge(w, hostName, bridge, inPort, frame, quiet);
}

function bridgeDevXmit(w: Walk, hostName: string, bridge: BridgeLink, frame: Frame, quiet: boolean): void {
  forwardOnBridge(w, hostName, bridge, undefined, frame, quiet);
}

type BridgeAction = Extract<TraceEvent, { step: "bridge" }>["action"];

/** The trace event for what the bridge did with a frame (no inPort when the bridge device itself sent it). */
function bridgeEvent(hostName: string, bridge: BridgeLink, pkt: Packet, inPort: Link | undefined, action: BridgeAction, outPorts: readonly string[]): TraceEvent {
  return inPort
    ? { step: "bridge", host: hostName, bridge: bridge.name, pkt, inPort: inPort.name, action, outPorts }
    : { step: "bridge", host: hostName, bridge: bridge.name, pkt, action, outPorts };
}

function forwardOnBridge(w: Walk, hostName: string, bridge: BridgeLink, inPort: Link | undefined, frameIn: Frame, quiet: boolean): void {
  let frame = frameIn;
  let host = w.host(hostName);
  const broadcast = isMulticastMac(frame.dstMac);
  // br_netfilter's PREROUTING runs for every IPv4 frame entering a port, before the FDB decides.
  const nf = !broadcast && bridgeNfActive(w, hostName, frame, inPort);
  if (nf) {
    const pre = bridgePreRouting(w, hostName, bridge, inPort!, frame as Extract<Frame, { kind: "ip" }>);
    if (!pre) return;
    frame = pre;
    // Resolving the new destination's MAC may have taught the bridge where it lives.
    host = w.host(hostName);
  }
  // Trace events and drops show the frame as it entered (framePacket(frameIn): the packet itself for IP).
  if (inPort && isLocalMac(host, bridge, frame.dstMac)) {
    if (frame.kind === "ip") w.emit(bridgeEvent(hostName, bridge, framePacket(frameIn), inPort, "local", []));
    if (nf && frame.kind === "ip") return ipRcvRouted(w, hostName, bridge, frame.packet);
    return stackRx(w, hostName, bridge, frame, quiet);
  }
  const entry = broadcast ? undefined : fdbLookup(w, host, bridge, frame.dstMac);
  if (entry && entry.kind === "bridge") {
    const out = bridgePort(host, bridge, entry.port);
    if (!out) return w.drop(hostName, framePacket(frameIn), "BRIDGE_NO_PORTS", `FDB points at a port that is gone`, bridge.name);
    if (inPort && out.ifindex === inPort.ifindex && !out.port?.hairpin) {
      return w.drop(hostName, framePacket(frameIn), "BRIDGE_NO_HAIRPIN", `${frame.dstMac} is behind ${out.name}, the port the frame came in on, and hairpin is off`, out.name);
    }
    if (!portForwarding(w, host, bridge, out)) return w.drop(hostName, framePacket(frameIn), "BRIDGE_PORT_NOT_FORWARDING", `port ${out.name} does not forward`, out.name);
    const fitted = refragment(host, frame, out);
    if (tooBig(fitted, out)) {
      const pkt = framePacket(frameIn);
      return w.drop(hostName, pkt, "FRAME_TOO_BIG", `${wireSize(pkt)}-byte packet${pkt.df ? " with DF set" : ""} is larger than port ${out.name}'s mtu ${out.mtu}`, out.name);
    }
    if (frame.kind === "ip") w.emit(bridgeEvent(hostName, bridge, framePacket(frameIn), inPort, inPort && out.ifindex === inPort.ifindex ? "hairpin" : "forward", [out.name]));
    const leaving = leaveBridge(w, hostName, bridge, inPort, out, fitted, nf);
    if (leaving) devXmit(w, hostName, out, leaving, quiet);
    return;
  }
  const targets: Link[] = [];
  for (const p of host.links) {
    if (p.master !== bridge.ifindex) continue;
    if ((broadcast || p.port?.flood !== false) && (!inPort || p.ifindex !== inPort.ifindex || p.port?.hairpin) && portForwarding(w, host, bridge, p)) targets.push(p);
  }
  if (frame.kind === "ip") w.emit(bridgeEvent(hostName, bridge, framePacket(frameIn), inPort, "flood", targets.map((p) => p.name)));
  if (targets.length === 0 && !broadcast && frame.kind === "ip") w.drop(hostName, framePacket(frameIn), "BRIDGE_NO_PORTS", `no port of ${bridge.name} can take the frame`, bridge.name);
  for (const p of targets) {
    const fitted = refragment(host, frame, p);
    if (tooBig(fitted, p)) continue;
    const leaving = leaveBridge(w, hostName, bridge, inPort, p, fitted, nf);
    if (leaving) devXmit(w, hostName, w.link(hostName, p.ifindex) ?? p, leaving, true);
  }
  if (broadcast && inPort) stackRx(w, hostName, bridge, frame, quiet);
}

/** [BNF2] A bridged IPv4 frame leaving by a port passes FORWARD and POSTROUTING when br_netfilter is on. */
function leaveBridge(w: Walk, hostName: string, bridge: BridgeLink, inPort: Link | undefined, out: Link, f: Frame, nf: boolean): Frame | undefined {
  return nf && f.kind === "ip" ? bridgeForwardOut(w, hostName, bridge, inPort!, out, f) : f;
}
