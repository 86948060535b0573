/** Trace events: every step a packet takes, typed, so the UI can animate and the judge explain. */
import type { Packet } from "./packet";
import type { CtState, Hook, TableName } from "../netfilter/types";

/** Why a packet died, named after the kernel's skb drop reasons where one exists. */
export type DropReason =
  | "NO_ROUTE"
  | "IP_FORWARDING_DISABLED"
  | "IP_RPFILTER"
  | "IP_INVALID_SOURCE"
  | "MARTIAN_DESTINATION"
  | "NEIGH_FAILED"
  | "OTHERHOST"
  | "DEV_DOWN"
  | "PEER_DOWN"
  | "LO_DOWN"
  | "BRIDGE_PORT_NOT_FORWARDING"
  | "BRIDGE_NO_HAIRPIN"
  | "BRIDGE_NO_PORTS"
  | "NO_SOCKET"
  | "TTL_EXCEEDED"
  | "FRAG_NEEDED"
  | "FRAME_TOO_BIG"
  | "BLACKHOLE"
  | "DEVICE_DISCARDS"
  | "SOCKET_MISMATCH"
  | "NETFILTER_DROP"
  | "CT_INVALID"
  | "VXLAN_NO_FDB"
  | "VXLAN_NO_VNI";

export type TraceEvent =
  | { readonly step: "send"; readonly host: string; readonly pkt: Packet }
  /** The routing decision: deliver here, forward, or send (via a gateway or direct, out `dev`). */
  | { readonly step: "route"; readonly host: string; readonly pkt: Packet; readonly decision: "local" | "forward" | "output"; readonly dev: string; readonly via?: number; readonly src?: number }
  | { readonly step: "neigh"; readonly host: string; readonly dev: string; readonly ip: number; readonly state: "cached" | "resolved" | "failed"; readonly mac?: string }
  | { readonly step: "tx"; readonly host: string; readonly dev: string; readonly pkt: Packet; readonly toHost: string; readonly toDev: string }
  | { readonly step: "bridge"; readonly host: string; readonly bridge: string; readonly inPort?: string; readonly action: "forward" | "flood" | "local" | "hairpin"; readonly outPorts: readonly string[]; readonly pkt: Packet }
  | { readonly step: "forward"; readonly host: string; readonly inDev: string; readonly outDev: string; readonly pkt: Packet }
  | { readonly step: "deliver"; readonly host: string; readonly pkt: Packet; readonly socket: string }
  | { readonly step: "icmp-error"; readonly host: string; readonly pkt: Packet; readonly about: Packet; readonly text: string }
  | { readonly step: "drop"; readonly host: string; readonly dev?: string; readonly pkt: Packet; readonly reason: DropReason; readonly detail: string }
  | { readonly step: "local-error"; readonly host: string; readonly pkt: Packet; readonly errno: string; readonly detail: string }
  /** A netfilter decision: the rule (1-based, as --line-numbers) whose target fired, or the chain policy. */
  | { readonly step: "nf"; readonly host: string; readonly hook: Hook; readonly table: TableName; readonly chain: string; readonly rule?: number; readonly target: string; readonly evaluated: number; readonly pkt: Packet }
  /** VXLAN: an inner frame wrapped into (or unwrapped from) a UDP packet between VTEPs. */
  | { readonly step: "vxlan"; readonly host: string; readonly dev: string; readonly action: "encap" | "decap"; readonly vni: number; readonly outer: Packet; readonly inner: Packet }
  | { readonly step: "ct"; readonly host: string; readonly pkt: Packet; readonly state: CtState; readonly dir: "original" | "reply"; readonly isNew: boolean }
  | { readonly step: "nat"; readonly host: string; readonly hook: Hook; readonly kind: "DNAT" | "SNAT" | "MASQUERADE" | "un-DNAT" | "un-SNAT"; readonly before: Packet; readonly after: Packet };

export type TraceStep = TraceEvent["step"];
