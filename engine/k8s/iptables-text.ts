/**
 * Rule lines in iptables-save's canonical shape (addresses, then protocol, then the matches in
 * the order given, then the target), which iptables-restore also reads: what a controller writes
 * is what `iptables-save` shows the student afterwards, line for line.
 */

export interface AddrMatch {
  readonly cidr: string;
  readonly negate?: boolean;
}

export interface RuleSpec {
  readonly src?: AddrMatch;
  readonly dst?: AddrMatch;
  readonly proto?: "tcp" | "udp";
  /** Module matches, each "-m NAME ...", in order. */
  readonly matches?: readonly string[];
  /** What follows "-j": a chain or a target with its options. */
  readonly jump: string;
}

/** The rule as it follows "-A CHAIN " (or "-I CHAIN "). */
export function ruleBody(r: RuleSpec): string {
  const parts: string[] = [];
  if (r.src) parts.push(`${r.src.negate ? "! " : ""}-s ${r.src.cidr}`);
  if (r.dst) parts.push(`${r.dst.negate ? "! " : ""}-d ${r.dst.cidr}`);
  if (r.proto) parts.push(`-p ${r.proto}`);
  for (const m of r.matches ?? []) parts.push(m);
  parts.push(`-j ${r.jump}`);
  return parts.join(" ");
}

export const append = (chain: string, r: RuleSpec): string => `-A ${chain} ${ruleBody(r)}`;
/** `-I CHAIN` puts the rule first, as kube-proxy's EnsureRule(Prepend) does. */
export const prepend = (chain: string, r: RuleSpec): string => `-I ${chain} ${ruleBody(r)}`;

/** xt_comment: iptables-save always double-quotes the text. */
export const comment = (text: string): string => `-m comment --comment "${text}"`;

/** `-m tcp [--dport N]`: the protocol's own match module, which kube-proxy always loads. */
export const portMatch = (proto: "tcp" | "udp", dport?: number): string => (dport === undefined ? `-m ${proto}` : `-m ${proto} --dport ${dport}`);

export const host = (ip: string): string => `${ip}/32`;

export type TableName = "mangle" | "nat" | "filter";

export interface TableBlock {
  readonly table: TableName;
  /** User chains to declare (":NAME - [0:0]"); with --noflush, declaring one flushes it. */
  readonly chains: readonly string[];
  readonly rules: readonly string[];
}

/** One `iptables-restore --noflush` setup item text: the command line, then its standard input. */
export function restoreInput(blocks: readonly TableBlock[]): string {
  const lines = ["iptables-restore --noflush"];
  for (const b of blocks) {
    lines.push(`*${b.table}`);
    for (const c of b.chains) lines.push(`:${c} - [0:0]`);
    lines.push(...b.rules, "COMMIT");
  }
  return `${lines.join("\n")}\n`;
}
