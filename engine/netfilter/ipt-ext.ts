/**
 * The libxtables option framework in small: an extension (match or target) declares its
 * options; the generic checks (used once, inverted, must be specified, excludes, also
 * requires) run as xtables_option_parse and xtables_options_fcheck run them, with their words.
 */
import { param, stop } from "./ipt-errors";
import { longOptTable, type LongOpt, type LongOptTable } from "./ipt-getopt";
import type { Match, Target } from "./types";

export interface OptEntry {
  /** The canonical name, used in messages ("--destination-ports" for --dports too). */
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly arg: boolean;
  readonly invert?: boolean;
  readonly multi?: boolean;
  readonly mand?: boolean;
  readonly excl?: readonly string[];
  readonly also?: readonly string[];
}

/** The protocol given with -p so far: its number (0 = all) and whether it was negated. */
export interface ProtoSeen {
  readonly num: number;
  readonly negate: boolean;
}

export interface ParseEnv {
  readonly proto: () => ProtoSeen | undefined;
  readonly warnings: string[];
}

export interface OptCall {
  readonly name: string;
  readonly arg: string;
  readonly argColumn: number;
  readonly invert: boolean;
  readonly column: number;
}

export interface ExtInstance<T> {
  /** The name messages use: "statistic", "MARK", "DNAT". */
  readonly name: string;
  /** A module constant, so the long-option table built from it is cached (longOpts). */
  readonly options: readonly OptEntry[];
  /** Old-style parsers (tcp, udp) do their own once/invert checks. */
  readonly oldStyle?: boolean;
  parse(call: OptCall, env: ParseEnv): void;
  /** x6_fcheck: the extension's own final check, before the generic one. */
  check(seen: ReadonlySet<string>, env: ParseEnv, column: number): void;
  build(env: ParseEnv): T;
}

export type MatchInstance = ExtInstance<Match>;
export type TargetInstance = ExtInstance<Target>;

const longOptsCache = new WeakMap<readonly OptEntry[], LongOptTable>();

/** getopt's long options for an extension's option table (each name and alias), built once per table. */
export function longOpts(options: readonly OptEntry[]): LongOptTable {
  let longs = longOptsCache.get(options);
  if (!longs) {
    longs = longOptTable(options.flatMap((o) => [o.name, ...(o.aliases ?? [])].map((name): LongOpt => ({ name, hasArg: o.arg ? 1 : 0, option: o.name }))));
    longOptsCache.set(options, longs);
  }
  return longs;
}

/** xtables_option_parse: the generic checks, then the extension's parser. */
export function callOption(ext: ExtInstance<unknown>, seen: Set<string>, call: OptCall, env: ParseEnv): void {
  const entry = ext.options.find((o) => o.name === call.name)!;
  if (!ext.oldStyle) {
    if (!entry.multi && seen.has(entry.name)) stop(param(`${ext.name}: option "--${entry.name}" can only be used once.\n`, call.column));
    if (call.invert && !entry.invert) stop(param(`${ext.name}: option "--${entry.name}" cannot be inverted.\n`, call.column));
  }
  ext.parse(call, env);
  seen.add(entry.name);
}

/** xtables_option_mfcall: x6_fcheck, then xtables_options_fcheck over the table in order. */
export function finishExt<T>(ext: ExtInstance<T>, seen: ReadonlySet<string>, env: ParseEnv, column: number): T {
  ext.check(seen, env, column);
  for (const entry of ext.options) {
    if (entry.mand && !seen.has(entry.name)) stop(param(`${ext.name}: option "--${entry.name}" must be specified\n`, column));
    if (!seen.has(entry.name)) continue;
    for (const other of ext.options) {
      if (other === entry) continue;
      if (entry.excl?.includes(other.name) && seen.has(other.name)) stop(param(`${ext.name}: option "--${entry.name}" cannot be used together with "--${other.name}".\n`, column));
      if (entry.also?.includes(other.name) && !seen.has(other.name)) stop(param(`${ext.name}: option "--${entry.name}" also requires "--${other.name}".\n`, column));
    }
  }
  return ext.build(env);
}

/** XTTYPE_UINT32 and friends: "bad value for option ..., or out of range (min-max)." */
export const badValue = (ext: string, option: string, min: number | string, max: number | string, column: number): never =>
  stop(param(`${ext}: bad value for option "--${option}", or out of range (${min}-${max}).\n`, column));

/** XTTYPE_MARKMASK32: "bad integer value for option ..., or out of range." */
export const badInteger = (ext: string, option: string, column: number): never =>
  stop(param(`${ext}: bad integer value for option "--${option}", or out of range.\n`, column));
