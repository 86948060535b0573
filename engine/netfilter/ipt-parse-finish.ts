/**
 * What do_parse() checks after its loop (extensions' final checks, addresses, which options
 * go with which command, -i/-o against the chain), and the typed command it becomes.
 */
import type { Token } from "../cmd/tokenize";
import type { IptCommand, IptOp } from "./ipt-command";
import { param, podpath, stop, type XtFailure } from "./ipt-errors";
import { finishExt, type ParseEnv } from "./ipt-ext";
import { CMD, OPT_CHARS, parseIptArgs, type ParsedArgs, type ParseOptions } from "./ipt-parse";
import type { Located } from "./ipt-parsed";
import { portMatch } from "./ipt-match-ports";
import { PROTO_NAMES } from "./ipt-protocols";
import { parseHostNetworks, utf8Length } from "./ipt-values";
import { tableNamed, type AddrPrefix, type Match, type Rule, type TableName, type Target } from "./types";

const RULE_CMDS = CMD.REPLACE | CMD.INSERT | CMD.DELETE | CMD.APPEND | CMD.CHECK;

/**
 * commands_v_options: for each command (in CMD bit order), which of -n -s -d -p -j -v -x -i -o
 * --line-numbers -c -f it refuses ("Illegal option `-n' with this command").
 */
const ILLEGAL: readonly string[] = [
  "x     x  x  ", // INSERT
  "x     x  xx ", // DELETE
  "xxxxx xxxxxx", // DELETE_NUM
  "x     x  x  ", // REPLACE
  "x     x  x  ", // APPEND
  " xxxx  xx xx", // LIST
  "xxxxx xxxxxx", // FLUSH
  "xxxxx xxxxxx", // ZERO
  "xxxxx xxxxxx", // NEW_CHAIN
  "xxxxx xxxxxx", // DELETE_CHAIN
  "xxxxx xxxx x", // SET_POLICY
  "xxxxx xxxxxx", // RENAME_CHAIN
  "xxxxx xxxxxx", // LIST_RULES
  "xxxxx xxxxxx", // ZERO_NUM
  "x     x  xx ", // CHECK
];

/** ILLEGAL as bit masks: for each command bit, the option bits it refuses. */
const ILLEGAL_MASKS: readonly number[] = ILLEGAL.map((row) => [...row].reduce((mask, x, i) => (x === "x" ? mask | (1 << i) : mask), 0));

/** generic_opt_check(): an option is legal if any of the given commands allows it (the first refused one is named). */
function optionCheck(command: number, options: number): void {
  if (command === 0) return;
  let refusedByAll = ~0;
  for (let j = 0; j < ILLEGAL_MASKS.length; j++) if (command & (1 << j)) refusedByAll &= ILLEGAL_MASKS[j]!;
  const refused = options & refusedByAll;
  if (refused === 0) return;
  const i = 31 - Math.clz32(refused & -refused);
  stop(param(`Illegal option \`-${OPT_CHARS[i]}' with this command`));
}

export function parseIptables(tokens: readonly Token[], o: ParseOptions): IptCommand {
  const p = parseIptArgs(tokens, o);
  const env: ParseEnv = { proto: () => p.proto, warnings: p.warnings };
  const matches = mergePorts(p.matches.map((m) => finishExt(m.ext, m.seen, env, m.column)));
  const target: Target | undefined = p.target ? finishExt(p.target.ext, p.target.seen, env, p.target.column) : undefined;
  if (p.leftover) stop(param("unknown arguments found on commandline"));
  const flags = { numeric: has(p, "n"), verbose: p.verbose, exact: has(p, "x"), lineNumbers: has(p, "0") };
  if (p.version) return { table: "filter", op: { type: "version" }, flags, warnings: [] };
  if (!p.command) stop(param("no command specified"));
  const isRule = (p.command & RULE_CMDS) !== 0;
  const srcs = addresses(p.src?.value, isRule);
  const dsts = addresses(p.dst?.value, isRule);
  if ((srcs.length > 1 || dsts.length > 1) && (p.src?.negate || p.dst?.negate)) stop(param("! not allowed with multiple source or destination IP addresses"));
  if (p.command === CMD.REPLACE && (srcs.length !== 1 || dsts.length !== 1)) stop(param("Replacement rule does not specify a unique address"));
  optionCheck(p.command, p.options);
  const chain = p.chain?.value;
  if (chain !== undefined && utf8Length(chain) >= 29) stop(param(`chain name \`${chain}' too long (must be under 29 chars)`, p.chain!.column));
  if (isRule) {
    if ((chain === "PREROUTING" || chain === "INPUT") && p.outIface) stop(param(`Can't use -o with ${chain}\n`));
    if ((chain === "POSTROUTING" || chain === "OUTPUT") && p.inIface) stop(param(`Can't use -i with ${chain}\n`));
  }
  const table = tableName(p);
  if (table === "nat" && (p.policy?.value === "DROP" || (p.jump?.value === "DROP" && p.jump.standard))) {
    stop(param('\nThe "nat" table is not intended for filtering, the use of DROP is therefore inhibited.\n\n'));
  }
  const rules: Rule[] = [];
  for (const s of srcs) for (const d of dsts) rules.push(makeRule(p, s, d, matches, target));
  return { table, op: makeOp(p, rules), flags, chainColumn: p.chain?.column, jumpColumn: p.jump?.column, warnings: p.warnings };
}

/**
 * [IPT10] iptables-nft turns a tcp/udp match with ports into nf_tables payload expressions and
 * reads them back as one match, at the first such match's place: `-m tcp --dport 22 -m comment
 * --comment x -m tcp --sport 1` is saved as `-m tcp --sport 1 --dport 22 -m comment --comment x`
 * (a later --dport overwrites an earlier one). A bare `-m tcp` stays where it is.
 */
function mergePorts(matches: readonly Match[]): Match[] {
  const out: Match[] = [];
  const first: Partial<Record<"tcp" | "udp", number>> = {};
  for (const m of matches) {
    if ((m.kind !== "tcp" && m.kind !== "udp") || (!m.sport && !m.dport)) {
      out.push(m);
      continue;
    }
    const at = first[m.kind];
    if (at === undefined) {
      first[m.kind] = out.length;
      out.push(m);
      continue;
    }
    const prev = out[at] as Extract<Match, { kind: "tcp" | "udp" }>;
    const sport = m.sport ?? prev.sport;
    const dport = m.dport ?? prev.dport;
    out[at] = portMatch(m.kind, sport, dport);
  }
  return out;
}

const OPT_BIT = { n: 1 << OPT_CHARS.indexOf("n"), x: 1 << OPT_CHARS.indexOf("x"), "0": 1 << OPT_CHARS.indexOf("0") } as const;
const has = (p: ParsedArgs, c: keyof typeof OPT_BIT): boolean => (p.options & OPT_BIT[c]) !== 0;

/** What a rule without -s/-d matches: 0.0.0.0/0. */
const ANY_ADDRESS: readonly AddrPrefix[] = [{ address: 0, prefixLen: 0 }];

function addresses(given: Located<string> | undefined, isRule: boolean): readonly AddrPrefix[] {
  if (given) return parseHostNetworks(given.value, given.column);
  return isRule ? ANY_ADDRESS : [];
}

function tableName(p: ParsedArgs): TableName {
  const t = p.table.value;
  const known = tableNamed(t);
  if (known) return known;
  if (t === "security") stop(podpath("PodPath does not model the security table (SELinux).", p.table.column));
  const f: XtFailure = { kind: "version", message: `table '${t}' does not exist` };
  return stop(f);
}

function makeRule(p: ParsedArgs, s: AddrPrefix, d: AddrPrefix, matches: readonly Match[], target: Target | undefined): Rule {
  const addr = (a: AddrPrefix, negate: boolean) => (a.prefixLen === 0 && !negate ? undefined : { value: a, negate });
  const src = addr(s, p.src?.negate ?? false);
  const dst = addr(d, p.dst?.negate ?? false);
  const protoName = p.proto ? PROTO_NAMES[p.proto.num] : undefined;
  const t: Target | undefined = target ?? jumpTarget(p);
  // "-i +" matches every interface: nf_tables drops it (a negated one stays).
  const iface = (i: ParsedArgs["inIface"]) => (i && !i.negate && i.value.wildcard && i.value.name === "" ? undefined : i);
  const inIface = iface(p.inIface);
  const outIface = iface(p.outIface);
  // Every rule has every field (undefined when not given): one object shape for the walk's rule matching.
  return {
    src,
    dst,
    inIface,
    outIface,
    proto: protoName ? { value: protoName, negate: p.proto!.negate } : undefined,
    matches,
    target: t,
    counters: p.counters ?? { packets: 0, bytes: 0 },
  };
}

function jumpTarget(p: ParsedArgs): Target | undefined {
  const j = p.jump;
  if (!j) return undefined;
  if (j.standard) return { kind: j.value as "ACCEPT" | "DROP" | "RETURN" };
  return { kind: j.goto ? "goto" : "jump", chain: j.value };
}

function makeOp(p: ParsedArgs, rules: Rule[]): IptOp {
  const chain = p.chain?.value ?? "";
  const optChain = p.chain ? { chain } : {};
  const num = p.rulenum !== undefined ? { num: p.rulenum } : {};
  const c = p.command;
  if (c & CMD.LIST) return { type: "list", ...optChain, ...num, zero: (c & CMD.ZERO) !== 0 };
  if (c & CMD.LIST_RULES) return { type: "list-rules", ...optChain, ...num, zero: (c & CMD.ZERO) !== 0 };
  switch (c) {
    case CMD.APPEND:
      return { type: "append", chain, rules };
    case CMD.INSERT:
      return { type: "insert", chain, num: p.rulenum ?? 1, rules };
    case CMD.DELETE:
      return { type: "delete", chain, rules };
    case CMD.DELETE_NUM:
      return { type: "delete-num", chain, num: p.rulenum! };
    case CMD.REPLACE:
      return { type: "replace", chain, num: p.rulenum!, rule: rules[0]! };
    case CMD.CHECK:
      return { type: "check", chain, rules };
    case CMD.NEW_CHAIN:
      return { type: "new-chain", chain };
    case CMD.DELETE_CHAIN:
      return { type: "delete-chain", ...optChain };
    case CMD.FLUSH:
      return { type: "flush", ...optChain };
    case CMD.ZERO:
    case CMD.ZERO_NUM:
      return { type: "zero", ...optChain, ...num };
    case CMD.RENAME_CHAIN:
      return { type: "rename", chain, to: p.newname! };
    case CMD.SET_POLICY:
      return { type: "policy", chain, policy: p.policy!.value };
    default:
      return stop(param("no command specified"));
  }
}
