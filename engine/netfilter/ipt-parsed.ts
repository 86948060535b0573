/** What iptables' do_parse() gathers, and the small checks it makes while gathering. */
import type { Token } from "../cmd/tokenize";
import { param, stop, type XtFailure } from "./ipt-errors";
import type { ExtInstance, ProtoSeen } from "./ipt-ext";
import { strtoui } from "./ipt-values";
import type { IfaceName, Match, Negatable, TableName, Target } from "./types";

/** Command bits (CMD_*) and their letters, in iptables' order. */
export const CMD = { INSERT: 1, DELETE: 2, DELETE_NUM: 4, REPLACE: 8, APPEND: 16, LIST: 32, FLUSH: 64, ZERO: 128, NEW_CHAIN: 256, DELETE_CHAIN: 512, SET_POLICY: 1024, RENAME_CHAIN: 2048, LIST_RULES: 4096, ZERO_NUM: 8192, CHECK: 16384 } as const;
const CMD_CHARS = "IDDRALFZNXPESZC";
const cmdChar = (bits: number): string => {
  let i = 0;
  for (let b = bits; b > 1; b >>= 1) i++;
  return CMD_CHARS[i] ?? "?";
};

/** Option bits (OPT_*) in iptables' order; `!` is allowed before s, d, p, i, o, f. */
export const OPT_CHARS = "nsdpjvxio0cf";
export const INVERTIBLE = "sdpiof";

export interface Located<T> {
  readonly value: T;
  readonly column: number;
}

export interface Loaded<T> {
  readonly ext: ExtInstance<T>;
  readonly seen: Set<string>;
  readonly column: number;
}

/** What do_parse gathered, before the checks after its loop. */
export interface ParsedArgs {
  table: Located<string>;
  command: number;
  chain?: Located<string>;
  rulenum?: number;
  newname?: string;
  policy?: Located<string>;
  options: number;
  verbose: boolean;
  proto?: ProtoSeen & { readonly column: number };
  src?: Negatable<Located<string>>;
  dst?: Negatable<Located<string>>;
  inIface?: Negatable<IfaceName>;
  outIface?: Negatable<IfaceName>;
  matches: Loaded<Match>[];
  target?: Loaded<Target>;
  /** -j CHAIN / -g CHAIN: a name that is no target iptables knows. */
  jump?: Located<string> & { readonly goto: boolean; readonly standard: boolean };
  counters?: { readonly packets: number; readonly bytes: number };
  warnings: string[];
  version: boolean;
  /** Words after "--". */
  leftover: boolean;
  protoUsed: boolean;
}

export interface ParseOptions {
  readonly restore: boolean;
  readonly table?: TableName;
  readonly endColumn: number;
}

export const failAt = (f: XtFailure): never => stop(f);

export function addCommand(p: ParsedArgs, cmd: number, others: number, invert: boolean, column: number): void {
  if (invert) failAt(param("unexpected ! flag", column));
  const clash = p.command & ~others;
  if (clash) failAt(param(`Cannot use -${cmdChar(cmd)} with -${cmdChar(clash)}`, column));
  p.command |= cmd;
}

export function setOption(p: ParsedArgs, c: string, invert: boolean, column: number): void {
  const bit = 1 << OPT_CHARS.indexOf(c);
  if (p.options & bit) failAt(param(`multiple -${c} flags not allowed`, column));
  p.options |= bit;
  if (invert && !INVERTIBLE.includes(c)) failAt(param(`cannot have ! before -${c}`, column));
}

/** parse_rulenumber: 1 to INT_MAX. */
export function ruleNumber(t: Token): number {
  return strtoui(t.text, 1, 0x7fffffff) ?? failAt(param(`Invalid rule number \`${t.text}'`, t.column));
}

