/**
 * The state of a simulated set of network namespaces. Plain, serialisable data: the same value
 * travels between browser and server, and every change is made by `apply` from a command line.
 */
import type { HostRole, Listener } from "../scenario/types";
import type { CounterLog, CtEntry, Netfilter } from "../netfilter/types";

export interface BridgePortFlags {
  readonly hairpin: boolean;
  readonly learning: boolean;
  readonly flood: boolean;
}

interface LinkCommon {
  readonly ifindex: number;
  readonly name: string;
  readonly mtu: number;
  readonly mac: string;
  /** IFF_UP, set by `ip link set X up|down`. */
  readonly up: boolean;
  /** Has been up since it was created or moved here: its qdisc is then noqueue, not noop. */
  readonly wasUp?: boolean;
  /** ifindex of the bridge this link is a port of, in the same host. */
  readonly master?: number;
  readonly port?: BridgePortFlags;
}

export interface LoopbackLink extends LinkCommon {
  readonly kind: "loopback";
}
export interface VethLink extends LinkCommon {
  readonly kind: "veth";
  readonly peer: { readonly host: string; readonly ifindex: number };
}
export interface BridgeLink extends LinkCommon {
  readonly kind: "bridge";
  /** True once `address` was set by hand: the bridge then keeps it (addr_assign_type NET_ADDR_SET). */
  readonly macSet: boolean;
  /** Seconds a learned FDB entry lives (ageing_time, default 300 s). */
  readonly ageingTime: number;
}
export interface DummyLink extends LinkCommon {
  readonly kind: "dummy";
}
/** A VXLAN tunnel endpoint (VTEP). */
export interface VxlanLink extends LinkCommon {
  readonly kind: "vxlan";
  readonly vni: number;
  readonly local?: number;
  readonly dev?: number;
  readonly dstport: number;
  readonly learning: boolean;
}

export type Link = LoopbackLink | VethLink | BridgeLink | DummyLink | VxlanLink;
export type LinkKind = Link["kind"];

export type AddrScope = "global" | "link" | "host";

export interface Address {
  readonly ifindex: number;
  readonly address: number;
  readonly prefixLen: number;
  readonly scope: AddrScope;
  readonly broadcast?: number;
  readonly label?: string;
  /** IFA_F_SECONDARY: a second address in a subnet the device already has. */
  readonly secondary: boolean;
}

export type RouteType = "unicast" | "blackhole" | "unreachable" | "prohibit";
export type RouteScope = "global" | "link" | "host";
export type RouteProto = "kernel" | "boot" | "static" | "dhcp";

export interface Route {
  readonly type: RouteType;
  readonly dst: number;
  readonly prefixLen: number;
  readonly via?: number;
  readonly ifindex?: number;
  readonly onlink: boolean;
  readonly scope: RouteScope;
  readonly src?: number;
  readonly metric: number;
  readonly proto: RouteProto;
}

export type NeighState = "PERMANENT" | "NOARP" | "REACHABLE" | "STALE" | "DELAY" | "PROBE" | "FAILED" | "INCOMPLETE";

export interface Neighbour {
  readonly ifindex: number;
  readonly address: number;
  readonly mac?: string;
  readonly state: NeighState;
  /** Simulated time (seconds) of the last confirmation. */
  readonly updated: number;
}

export type FdbEntry =
  /** A MAC the bridge learned on a port (bridge fdb ... master), or one added static/permanent. */
  | {
      readonly kind: "bridge";
      readonly mac: string;
      readonly port: number;
      readonly bridge: number;
      readonly state: "learned" | "static" | "permanent";
      readonly updated: number;
    }
  /** A VXLAN forwarding entry (bridge fdb append MAC dev flannel.1 dst IP self permanent). */
  | { readonly kind: "vxlan"; readonly mac: string; readonly dev: number; readonly dst: number; readonly permanent: boolean };

/** Per-device IPv4 settings (net.ipv4.conf.DEV.*); "all" and "default" are kept under those names. */
export interface DevConf {
  readonly forwarding: number;
  readonly rp_filter: number;
  readonly proxy_arp: number;
  readonly route_localnet: number;
  readonly accept_local: number;
}
export type DevConfKey = keyof DevConf;

export interface Sysctls {
  readonly conf: Readonly<Record<string, DevConf>>;
  readonly bridgeNfCallIptables: number;
  readonly icmpRatelimit: number;
  readonly icmpEchoIgnoreAll: number;
}

export interface Host {
  readonly name: string;
  readonly role: HostRole;
  readonly node?: string;
  readonly links: readonly Link[];
  readonly nextIfindex: number;
  readonly addrs: readonly Address[];
  /** The main routing table as `ip route` lists it; the local table is derived from addresses. */
  readonly routes: readonly Route[];
  readonly neigh: readonly Neighbour[];
  readonly fdb: readonly FdbEntry[];
  readonly sysctl: Sysctls;
  readonly listeners: readonly Listener[];
  readonly netfilter: Netfilter;
  /**
   * Rule and policy counters gathered by packets since the last iptables command, keyed
   * "table|chain|index" (or "table|chain|P" for a policy), and xt_statistic nth counts keyed
   * "table|chain|index|match". Kept apart so a probe does not copy whole rulesets; folded into
   * the rules before any iptables command reads or changes them.
   */
  readonly nfCounters?: CounterLog;
  readonly nfNth: Readonly<Record<string, number>>;
  readonly conntrack: readonly CtEntry[];
  /** Path MTUs learned from ICMP "fragmentation needed", by destination address. */
  readonly pmtu: Readonly<Record<number, number>>;
}

export interface NetState {
  /** Hosts in creation order. */
  readonly hosts: Readonly<Record<string, Host>>;
  /** Simulated time in seconds; advanced only by explicit calls, never read from a clock. */
  readonly now: number;
}
