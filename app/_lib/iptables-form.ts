/**
 * The iptables editor's form as a command line. It writes what a person would type (matches in
 * iptables-save's order: addresses, interfaces, protocol, then modules, then the target) and
 * leaves every check to the engine, which refuses bad rules in iptables' own words.
 */
import type { TableName } from "@/engine/netfilter/types";

export const TARGETS = ["ACCEPT", "DROP", "REJECT", "RETURN", "LOG", "DNAT", "SNAT", "MASQUERADE", "MARK"] as const;
export const CTSTATES = ["NEW", "ESTABLISHED", "RELATED", "INVALID", "DNAT", "SNAT"] as const;
export const ADDRTYPES = ["", "LOCAL", "UNICAST", "BROADCAST", "MULTICAST", "BLACKHOLE", "UNREACHABLE", "PROHIBIT"] as const;
export const REJECT_WITH = ["icmp-port-unreachable", "icmp-net-unreachable", "icmp-host-unreachable", "icmp-proto-unreachable", "icmp-net-prohibited", "icmp-host-prohibited", "icmp-admin-prohibited", "tcp-reset"] as const;

/** The targets each table allows (nat rewrites, filter filters); user chains come on top. */
export const TABLE_TARGETS: Readonly<Record<TableName, readonly string[]>> = {
  filter: ["ACCEPT", "DROP", "REJECT", "RETURN", "LOG", "MARK"],
  nat: ["ACCEPT", "RETURN", "DNAT", "SNAT", "MASQUERADE", "LOG", "MARK"],
  mangle: ["ACCEPT", "DROP", "RETURN", "MARK", "LOG"],
  raw: ["ACCEPT", "DROP", "RETURN", "LOG", "MARK"],
};

export interface RuleForm {
  readonly table: TableName;
  readonly chain: string;
  readonly action: "append" | "insert";
  /** For insert: the 1-based position (default 1). */
  readonly position: string;
  readonly src: string;
  readonly srcNot: boolean;
  readonly dst: string;
  readonly dstNot: boolean;
  readonly inIface: string;
  readonly inNot: boolean;
  readonly outIface: string;
  readonly outNot: boolean;
  readonly proto: "" | "tcp" | "udp" | "icmp";
  readonly sport: string;
  readonly dport: string;
  /** Destination ports for -m multiport --dports, comma-separated. */
  readonly multiport: string;
  readonly ctstate: readonly string[];
  readonly mark: string;
  readonly srcType: string;
  readonly dstType: string;
  readonly physdevIn: string;
  readonly physdevOut: string;
  readonly physdevIsBridged: boolean;
  readonly statistic: "" | "random" | "nth";
  readonly probability: string;
  readonly every: string;
  readonly packet: string;
  readonly comment: string;
  readonly target: string;
  readonly rejectWith: string;
  readonly logPrefix: string;
  readonly toDestination: string;
  readonly toSource: string;
  readonly toPorts: string;
  readonly setMark: string;
}

export const EMPTY_RULE: RuleForm = {
  table: "filter",
  chain: "FORWARD",
  action: "append",
  position: "1",
  src: "",
  srcNot: false,
  dst: "",
  dstNot: false,
  inIface: "",
  inNot: false,
  outIface: "",
  outNot: false,
  proto: "",
  sport: "",
  dport: "",
  multiport: "",
  ctstate: [],
  mark: "",
  srcType: "",
  dstType: "",
  physdevIn: "",
  physdevOut: "",
  physdevIsBridged: false,
  statistic: "",
  probability: "0.5",
  every: "2",
  packet: "0",
  comment: "",
  target: "ACCEPT",
  rejectWith: "",
  logPrefix: "",
  toDestination: "",
  toSource: "",
  toPorts: "",
  setMark: "",
};

/** A word as a shell reads it: quoted when it holds blanks or quote characters. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_.,:/+=@%-]+$/.test(s) ? s : `"${s.replace(/(["\\$`])/g, "\\$1")}"`;
}

/** The rule's matches and target: everything after `-A CHAIN`. */
export function ruleSpec(f: RuleForm): string {
  const w: string[] = [];
  const neg = (not: boolean, ...rest: string[]) => (not ? ["!", ...rest] : rest);
  const v = (s: string) => s.trim();
  if (v(f.src)) w.push(...neg(f.srcNot, "-s", v(f.src)));
  if (v(f.dst)) w.push(...neg(f.dstNot, "-d", v(f.dst)));
  if (v(f.inIface)) w.push(...neg(f.inNot, "-i", v(f.inIface)));
  if (v(f.outIface)) w.push(...neg(f.outNot, "-o", v(f.outIface)));
  if (f.proto) w.push("-p", f.proto);
  if (f.proto === "tcp" || f.proto === "udp") {
    if (v(f.sport)) w.push("--sport", v(f.sport));
    if (v(f.dport)) w.push("--dport", v(f.dport));
    if (v(f.multiport)) w.push("-m", "multiport", "--dports", v(f.multiport).replace(/\s+/g, ""));
  }
  if (f.physdevIn || f.physdevOut || f.physdevIsBridged) {
    w.push("-m", "physdev");
    if (v(f.physdevIn)) w.push("--physdev-in", v(f.physdevIn));
    if (v(f.physdevOut)) w.push("--physdev-out", v(f.physdevOut));
    if (f.physdevIsBridged) w.push("--physdev-is-bridged");
  }
  if (f.srcType || f.dstType) {
    w.push("-m", "addrtype");
    if (f.srcType) w.push("--src-type", f.srcType);
    if (f.dstType) w.push("--dst-type", f.dstType);
  }
  if (f.ctstate.length > 0) w.push("-m", "conntrack", "--ctstate", f.ctstate.join(","));
  if (v(f.mark)) w.push("-m", "mark", "--mark", v(f.mark));
  if (f.statistic === "random") w.push("-m", "statistic", "--mode", "random", "--probability", v(f.probability) || "0.5");
  if (f.statistic === "nth") w.push("-m", "statistic", "--mode", "nth", "--every", v(f.every) || "2", "--packet", v(f.packet) || "0");
  if (v(f.comment)) w.push("-m", "comment", "--comment", shellWord(v(f.comment)));
  if (f.target) w.push("-j", f.target);
  switch (f.target) {
    case "REJECT":
      if (f.rejectWith) w.push("--reject-with", f.rejectWith);
      break;
    case "LOG":
      if (v(f.logPrefix)) w.push("--log-prefix", shellWord(f.logPrefix));
      break;
    case "DNAT":
      w.push("--to-destination", v(f.toDestination));
      break;
    case "SNAT":
      w.push("--to-source", v(f.toSource));
      break;
    case "MASQUERADE":
      if (v(f.toPorts)) w.push("--to-ports", v(f.toPorts));
      break;
    case "MARK":
      w.push("--set-mark", v(f.setMark) || "0x1");
      break;
    default:
      break;
  }
  return w.join(" ");
}

function tableFlag(table: TableName): string {
  return table === "filter" ? "" : `-t ${table} `;
}

/** `iptables [-t T] -A CHAIN spec` or `-I CHAIN N spec`. */
export function iptablesLine(f: RuleForm): string {
  const where = f.action === "append" ? `-A ${f.chain}` : `-I ${f.chain} ${Number(f.position) > 0 ? Math.floor(Number(f.position)) : 1}`;
  return `iptables ${tableFlag(f.table)}${where} ${ruleSpec(f)}`.trimEnd();
}

export function deleteRuleLine(table: TableName, chain: string, index: number): string {
  return `iptables ${tableFlag(table)}-D ${chain} ${index}`;
}

/** Moving rule `from` to `to` (1-based): delete it, then insert its spec at the new place. */
export function moveRuleLines(table: TableName, chain: string, from: number, to: number, spec: string): string[] {
  return [deleteRuleLine(table, chain, from), `iptables ${tableFlag(table)}-I ${chain} ${to} ${spec}`.trimEnd()];
}

export function policyLine(table: TableName, chain: string, policy: "ACCEPT" | "DROP"): string {
  return `iptables ${tableFlag(table)}-P ${chain} ${policy}`;
}

export function newChainLine(table: TableName, chain: string): string {
  return `iptables ${tableFlag(table)}-N ${chain}`;
}

/** The rules of a chain from `iptables -S CHAIN` output: the spec after `-A CHAIN` of each. */
export function rulesFromListing(listing: string, chain: string): string[] {
  const head = `-A ${chain} `;
  return listing
    .split("\n")
    .filter((l) => l.startsWith(head) || l === `-A ${chain}`)
    .map((l) => l.slice(head.length).trim());
}
