/** Typed iptables, iptables-save, iptables-restore and conntrack commands. */
import type { XtFailure } from "./ipt-errors";
import type { Rule, TableName } from "./types";

export interface ListFlags {
  readonly numeric: boolean;
  readonly verbose: boolean;
  readonly exact: boolean;
  readonly lineNumbers: boolean;
}

export type IptOp =
  | { readonly type: "append"; readonly chain: string; readonly rules: readonly Rule[] }
  | { readonly type: "insert"; readonly chain: string; readonly num: number; readonly rules: readonly Rule[] }
  | { readonly type: "delete"; readonly chain: string; readonly rules: readonly Rule[] }
  | { readonly type: "delete-num"; readonly chain: string; readonly num: number }
  | { readonly type: "replace"; readonly chain: string; readonly num: number; readonly rule: Rule }
  | { readonly type: "check"; readonly chain: string; readonly rules: readonly Rule[] }
  | { readonly type: "new-chain"; readonly chain: string }
  | { readonly type: "delete-chain"; readonly chain?: string }
  | { readonly type: "flush"; readonly chain?: string }
  | { readonly type: "zero"; readonly chain?: string; readonly num?: number }
  | { readonly type: "rename"; readonly chain: string; readonly to: string }
  | { readonly type: "policy"; readonly chain: string; readonly policy: string }
  | { readonly type: "list"; readonly chain?: string; readonly num?: number; readonly zero: boolean }
  | { readonly type: "list-rules"; readonly chain?: string; readonly num?: number; readonly zero: boolean }
  | { readonly type: "version" };

export interface IptCommand {
  readonly table: TableName;
  readonly op: IptOp;
  readonly flags: ListFlags;
  /** Column of the chain name, for errors about it. */
  readonly chainColumn?: number;
  /** Column of the -j/-g value, for "Chain 'X' does not exist". */
  readonly jumpColumn?: number;
  /** What iptables prints on stderr and goes on (weird interface names). */
  readonly warnings: readonly string[];
}

export interface SaveCommand {
  readonly table?: TableName;
  readonly counters: boolean;
}

export interface RestoreOptions {
  readonly noflush: boolean;
  readonly counters: boolean;
  /** -T: only this table's blocks are applied. */
  readonly table?: TableName;
}

/** One line of iptables-restore's input, parsed. */
export type RestoreLine =
  | { readonly kind: "skip"; readonly line: number }
  | { readonly kind: "table"; readonly line: number; readonly table: TableName }
  | { readonly kind: "chain"; readonly line: number; readonly chain: string; readonly policy: string; readonly counters?: { readonly packets: number; readonly bytes: number } }
  | { readonly kind: "command"; readonly line: number; readonly command: IptCommand }
  | { readonly kind: "commit"; readonly line: number }
  /** A line that stops iptables-restore where it stands. */
  | { readonly kind: "error"; readonly line: number; readonly failure: XtFailure };

export interface ConntrackFilter {
  /** "none": a protocol (or family) PodPath never tracks, so nothing matches. */
  readonly proto?: "tcp" | "udp" | "icmp" | "none";
  readonly src?: { readonly address: number; readonly prefixLen: number };
  readonly dst?: { readonly address: number; readonly prefixLen: number };
  readonly sport?: number;
  readonly dport?: number;
  readonly snat?: boolean;
  readonly dnat?: boolean;
}

export type ConntrackCommand =
  | { readonly type: "list"; readonly filter: ConntrackFilter }
  | { readonly type: "list-expect" }
  | { readonly type: "flush" };
