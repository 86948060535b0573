/**
 * Netfilter as data: tables, chains and rules stored as structure (never as the text typed),
 * and the conntrack table. Printed canonically by iptables-save/-L/-S and conntrack -L.
 */

export type TableName = "raw" | "mangle" | "nat" | "filter";
export type Hook = "PREROUTING" | "INPUT" | "FORWARD" | "OUTPUT" | "POSTROUTING";

/** The built-in chains of each table, in the order iptables-save prints them. */
export const TABLE_HOOKS: Readonly<Record<TableName, readonly Hook[]>> = {
  raw: ["PREROUTING", "OUTPUT"],
  mangle: ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"],
  nat: ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"],
  filter: ["INPUT", "FORWARD", "OUTPUT"],
};

/** The four tables in the order the kernel registers them (iptables-save, being iptables-nft, prints mangle, raw, filter, nat: [IPT13]). */
export const TABLE_ORDER: readonly TableName[] = ["raw", "mangle", "nat", "filter"];

/** The table named `name` as its own constant string (not the command's word, which may be a slice of a longer text), if there is one. */
export const tableNamed = (name: string): TableName | undefined => TABLE_ORDER.find((t) => t === name);

export interface Negatable<T> {
  readonly value: T;
  readonly negate: boolean;
}

export interface AddrPrefix {
  readonly address: number;
  readonly prefixLen: number;
}

/** `-i eth0`, `-o veth+` (a trailing + matches any name with that prefix). */
export interface IfaceName {
  readonly name: string;
  readonly wildcard: boolean;
}

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

export type CtState = "NEW" | "ESTABLISHED" | "RELATED" | "INVALID" | "UNTRACKED" | "SNAT" | "DNAT";
export type AddrType = "UNSPEC" | "UNICAST" | "LOCAL" | "BROADCAST" | "ANYCAST" | "MULTICAST" | "BLACKHOLE" | "UNREACHABLE" | "PROHIBIT";

/** `-m NAME ...` modules, in the order the rule names them (iptables-save keeps that order). */
export type Match =
  | { readonly kind: "tcp" | "udp"; readonly sport?: Negatable<PortRange>; readonly dport?: Negatable<PortRange> }
  | { readonly kind: "icmp"; readonly icmpType?: Negatable<{ readonly type: number; readonly code?: number }> }
  | { readonly kind: "multiport"; readonly which: "sports" | "dports" | "ports"; readonly ports: Negatable<readonly PortRange[]> }
  | { readonly kind: "comment"; readonly text: string }
  | { readonly kind: "conntrack"; readonly ctstate: Negatable<readonly CtState[]> }
  | { readonly kind: "state"; readonly state: Negatable<readonly CtState[]> }
  | { readonly kind: "mark"; readonly mark: Negatable<{ readonly value: number; readonly mask: number }> }
  | { readonly kind: "addrtype"; readonly srcType?: Negatable<AddrType>; readonly dstType?: Negatable<AddrType>; readonly limitIfaceIn?: boolean; readonly limitIfaceOut?: boolean }
  | { readonly kind: "physdev"; readonly physdevIn?: Negatable<IfaceName>; readonly physdevOut?: Negatable<IfaceName>; readonly isBridged?: Negatable<true>; readonly isIn?: Negatable<true>; readonly isOut?: Negatable<true> }
  | { readonly kind: "statistic"; readonly mode: "random"; readonly probability: number }
  /** `count` is the match's own packet counter (xt_statistic keeps one per rule); never printed. */
  | { readonly kind: "statistic"; readonly mode: "nth"; readonly every: number; readonly packet: number; readonly count: number };

export type RejectWith =
  | "icmp-net-unreachable"
  | "icmp-host-unreachable"
  | "icmp-port-unreachable"
  | "icmp-proto-unreachable"
  | "icmp-net-prohibited"
  | "icmp-host-prohibited"
  | "icmp-admin-prohibited"
  | "tcp-reset";

export interface NatRange {
  /** Address range (a single address has from === to); undefined keeps the address (port-only DNAT). */
  readonly from?: number;
  readonly to?: number;
  readonly ports?: PortRange;
}

export type Target =
  | { readonly kind: "ACCEPT" | "DROP" | "RETURN" }
  | { readonly kind: "jump"; readonly chain: string }
  | { readonly kind: "goto"; readonly chain: string }
  | { readonly kind: "REJECT"; readonly with: RejectWith }
  | { readonly kind: "LOG"; readonly prefix?: string; readonly level?: number }
  | { readonly kind: "DNAT"; readonly to: NatRange; readonly random?: boolean; readonly persistent?: boolean }
  | { readonly kind: "SNAT"; readonly to: NatRange; readonly random?: boolean; readonly randomFully?: boolean; readonly persistent?: boolean }
  | { readonly kind: "MASQUERADE"; readonly toPorts?: PortRange; readonly random?: boolean; readonly randomFully?: boolean }
  /** Every MARK form is stored as iptables-save prints it: --set-xmark value/mask (new = (old & ~mask) ^ value). */
  | { readonly kind: "MARK"; readonly value: number; readonly mask: number };

export interface Counters {
  readonly packets: number;
  readonly bytes: number;
}

/**
 * Counts gathered by packets, as a short chain of additions: each walk adds one link (O(what it
 * matched), not O(everything counted so far)); every 32 links are merged into one.
 */
export interface CounterLog {
  /** Flat triples: key, packets, bytes, key, packets, bytes... */
  readonly add: readonly (string | number)[];
  readonly prev?: CounterLog;
  readonly depth: number;
}

export interface Rule {
  readonly src?: Negatable<AddrPrefix>;
  readonly dst?: Negatable<AddrPrefix>;
  readonly inIface?: Negatable<IfaceName>;
  readonly outIface?: Negatable<IfaceName>;
  /** `-p tcp|udp|icmp|all` (numbers 6/17/1 are stored by name). */
  readonly proto?: Negatable<"tcp" | "udp" | "icmp">;
  readonly matches: readonly Match[];
  /** undefined: a rule with no target only counts. */
  readonly target?: Target;
  readonly counters: Counters;
}

export interface Chain {
  readonly name: string;
  /** Built-in chains have a policy; user chains have none. */
  readonly policy?: "ACCEPT" | "DROP";
  /** Policy counters of a built-in chain (what `-L -v` prints in the chain header). */
  readonly counters: Counters;
  readonly rules: readonly Rule[];
}

export interface Table {
  /** Built-in chains first in TABLE_HOOKS order, then user chains in creation order. */
  readonly chains: readonly Chain[];
  /**
   * [IPT2] iptables-nft creates a table in the kernel on the first command that writes to it
   * (-A, -I, -N, -P, iptables-restore); iptables-save lists only tables that exist.
   * Absent: never written to, as in a fresh namespace.
   */
  readonly created?: boolean;
}

export type Netfilter = Readonly<Record<TableName, Table>>;

export type L4Proto = "tcp" | "udp" | "icmp";

/** A conntrack tuple: addresses, protocol and ports (for ICMP: echo id in both "ports"). */
export interface CtTuple {
  readonly proto: L4Proto;
  readonly src: number;
  readonly dst: number;
  readonly sport: number;
  readonly dport: number;
}

/** TCP conntrack states as conntrack -L prints them; UDP and ICMP have none. */
export type TcpCtState = "SYN_SENT" | "SYN_RECV" | "ESTABLISHED" | "FIN_WAIT" | "TIME_WAIT" | "CLOSE";

export interface CtEntry {
  readonly original: CtTuple;
  /** The tuple a reply must have; differs from the inverted original when NAT applied. */
  readonly reply: CtTuple;
  readonly tcpState?: TcpCtState;
  /** Seen a reply (clears [UNREPLIED]). */
  readonly replied: boolean;
  readonly assured: boolean;
  readonly mark: number;
  /** Simulated time (s) the entry was created; with the protocol's timeout it gives the remaining seconds. */
  readonly created: number;
  readonly timeout: number;
  /** Which NAT the entry applies ("SNAT"/"DNAT" ctstate). */
  readonly snat: boolean;
  readonly dnat: boolean;
}
