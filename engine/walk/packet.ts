/** Packets and frames as the walk moves them. Addresses are numbers, MACs strings. */
import type { CtEntry, CtState } from "../netfilter/types";

export type TcpFlags = "SYN" | "SYN-ACK" | "RST";

export interface IcmpHeader {
  readonly type: number;
  readonly code: number;
  /** Echo identifier, for echo request/reply. */
  readonly id?: number;
  /** Next-hop MTU of a "fragmentation needed" error. */
  readonly mtu?: number;
  /** The packet an ICMP error is about (its first bytes, as the kernel quotes them). */
  readonly inner?: Packet;
}

export interface Packet {
  readonly src: number;
  readonly dst: number;
  readonly ttl: number;
  readonly proto: "tcp" | "udp" | "icmp";
  readonly sport?: number;
  readonly dport?: number;
  readonly tcp?: TcpFlags;
  readonly icmp?: IcmpHeader;
  /** Total length of the IP packet in bytes. */
  readonly size: number;
  /** Don't fragment. */
  readonly df: boolean;
  /** Size of the largest fragment on the wire, once a hop had to fragment the packet. */
  readonly fragment?: number;
  /** skb->mark, set by MARK; cleared when the packet crosses into another namespace. */
  readonly mark?: number;
  /** The conntrack entry this packet belongs to in the current namespace (skb->_nfct). */
  readonly ct?: CtRef;
  /** A VXLAN packet's payload: the encapsulated Ethernet frame and its VNI. */
  readonly encap?: { readonly vni: number; readonly frame: Frame };
}

/** A packet's link to its connection in one namespace. */
export interface CtRef {
  readonly host: string;
  readonly entry: CtEntry;
  /** Inserted in the table (nf_conntrack_confirm) or still unconfirmed. */
  readonly confirmed: boolean;
  readonly dir: "original" | "reply";
  readonly state: CtState;
}

export const wireSize = (p: Packet): number => p.fragment ?? p.size;

/**
 * Every packet is built here with all its fields in one order, so the walk sees one object
 * shape (V8 keeps its property accesses monomorphic).
 */
export function packet(p: Packet): Packet {
  return { src: p.src, dst: p.dst, ttl: p.ttl, proto: p.proto, sport: p.sport, dport: p.dport, tcp: p.tcp, icmp: p.icmp, size: p.size, df: p.df, fragment: p.fragment, mark: p.mark ?? 0, ct: p.ct, encap: p.encap };
}

/** [NF9] skb_scrub_packet: a veth forgets the packet's conntrack link; into another namespace it also clears the mark. */
export function scrubPacket(p: Packet, otherNamespace: boolean): Packet {
  const mark = otherNamespace ? 0 : (p.mark ?? 0);
  // Packets are values: one with nothing to forget is passed on as it is.
  if (p.ct === undefined && p.mark === mark) return p;
  return { src: p.src, dst: p.dst, ttl: p.ttl, proto: p.proto, sport: p.sport, dport: p.dport, tcp: p.tcp, icmp: p.icmp, size: p.size, df: p.df, fragment: p.fragment, mark, ct: undefined, encap: p.encap };
}

/** A copy with some fields changed (never to undefined), built without object spread. */
export function patchPacket(p: Packet, c: Partial<Packet>): Packet {
  return {
    src: c.src ?? p.src,
    dst: c.dst ?? p.dst,
    ttl: c.ttl ?? p.ttl,
    proto: c.proto ?? p.proto,
    sport: c.sport ?? p.sport,
    dport: c.dport ?? p.dport,
    tcp: c.tcp ?? p.tcp,
    icmp: c.icmp ?? p.icmp,
    size: c.size ?? p.size,
    df: c.df ?? p.df,
    fragment: c.fragment ?? p.fragment,
    mark: c.mark ?? p.mark ?? 0,
    ct: c.ct ?? p.ct,
    encap: c.encap ?? p.encap,
  };
}

/** The packet linked to another conntrack entry (the most frequent change: a helper with no megamorphic patch object). */
export function withConntrack(p: Packet, ct: CtRef): Packet {
  return { src: p.src, dst: p.dst, ttl: p.ttl, proto: p.proto, sport: p.sport, dport: p.dport, tcp: p.tcp, icmp: p.icmp, size: p.size, df: p.df, fragment: p.fragment, mark: p.mark ?? 0, ct, encap: p.encap };
}

/** [MT1] A packet without DF that does not fit the device leaves in fragments of at most its MTU. */
export function fitTo(p: Packet, mtu: number): Packet {
  return !p.df && wireSize(p) > mtu ? patchPacket(p, { fragment: mtu }) : p;
}

export type Frame =
  | { readonly kind: "ip"; readonly srcMac: string; readonly dstMac: string; readonly packet: Packet }
  | { readonly kind: "arp"; readonly op: "request" | "reply"; readonly srcMac: string; readonly dstMac: string; readonly senderIp: number; readonly senderMac: string; readonly targetIp: number; readonly targetMac?: string };

/** A stand-in packet for trace events about ARP frames. */
export function framePacket(frame: Frame): Packet {
  if (frame.kind === "ip") return frame.packet;
  return packet({ src: frame.senderIp, dst: frame.targetIp, ttl: 0, proto: "icmp", size: 28, df: false });
}

/** An IP frame with another packet (and optionally another destination MAC), built without spread. */
export function ipFrame(f: Extract<Frame, { kind: "ip" }>, packet: Packet, dstMac = f.dstMac): Extract<Frame, { kind: "ip" }> {
  return { kind: "ip", srcMac: f.srcMac, dstMac, packet };
}

export const ICMP = {
  ECHO_REPLY: 0,
  DEST_UNREACH: 3,
  ECHO_REQUEST: 8,
  TIME_EXCEEDED: 11,
  NET_UNREACH: 0,
  HOST_UNREACH: 1,
  PORT_UNREACH: 3,
  FRAG_NEEDED: 4,
  PKT_FILTERED: 13,
} as const;

export const DEFAULT_TTL = 64;
