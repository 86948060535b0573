/**
 * GNU getopt_long as iptables calls it: optstring "-:A:C:D:..." (non-options returned in order,
 * ':' for a missing argument), long options matched exactly or by an unambiguous prefix, and a
 * long-option table that grows as `-m` and `-j` load extensions (the newest first). The table
 * is a list of groups, one per party that handles options (iptables itself, each extension).
 */
import type { Token } from "../cmd/tokenize";

export type HasArg = 0 | 1 | 2;

export interface LongOpt {
  readonly name: string;
  readonly hasArg: HasArg;
  /** The option it stands for: iptables' letter ("A" for --append), an extension's canonical name ("destination-port" for --dport). */
  readonly option: string;
}

/** Long options in table order, with the first of each name indexed for exact matches. */
export interface LongOptTable {
  readonly opts: readonly LongOpt[];
  readonly byName: ReadonlyMap<string, LongOpt>;
}

export function longOptTable(opts: readonly LongOpt[]): LongOptTable {
  const byName = new Map<string, LongOpt>();
  for (const o of opts) if (!byName.has(o.name)) byName.set(o.name, o);
  return { opts, byName };
}

/** The long options one party knows; `owner` is undefined for iptables' own options. */
export interface LongOptGroup<O> {
  readonly owner: O | undefined;
  readonly table: LongOptTable;
}

/** What one getopt_long call returns; every result has every field (the unused ones empty), so all share one object shape. */
export interface Got<O> {
  /** "unknown" is '?' (unknown, ambiguous, or an argument given to an option that takes none); "missing" is ':' (the option needs an argument and the line ended). */
  readonly kind: "end" | "nonopt" | "opt" | "unknown" | "missing";
  /** The word, for nonopt, unknown and missing. */
  readonly text: string;
  readonly column: number;
  /** Who handles the option: undefined for iptables' own options (every short option is). */
  readonly owner: O | undefined;
  readonly option: string;
  readonly arg: string | undefined;
  readonly argColumn: number;
}

const word = <O>(kind: "end" | "nonopt" | "unknown" | "missing", text: string, column: number): Got<O> => ({ kind, text, column, owner: undefined, option: "", arg: undefined, argColumn: column });

const opt = <O>(owner: O | undefined, option: string, arg: string | undefined, argColumn: number, column: number): Got<O> => ({ kind: "opt", text: "", column, owner, option, arg, argColumn });

export class Getopt<O = unknown> {
  optind = 0;
  private nextchar = 0;

  constructor(
    readonly tokens: readonly Token[],
    private readonly shorts: ReadonlyMap<string, HasArg>,
    readonly endColumn: number,
  ) {}

  /** xs_has_arg(): the next word exists and does not start with '-' or '!'. */
  hasArg(): boolean {
    const t = this.tokens[this.optind];
    return t !== undefined && !t.text.startsWith("-") && !t.text.startsWith("!");
  }

  /** argv[optind++] */
  take(): Token {
    return this.tokens[this.optind++]!;
  }

  /** The word before optind (what iptables names in "unknown option" messages). */
  previous(): Token {
    return this.tokens[this.optind - 1] ?? { text: "", column: this.endColumn };
  }

  /** Run the option just read again (iptables does optind-- after loading a protocol match). */
  rewind(): void {
    this.optind--;
    this.nextchar = 0;
  }

  next(longs: readonly LongOptGroup<O>[]): Got<O> {
    if (this.nextchar > 0) return this.shortOpt();
    const t = this.tokens[this.optind];
    if (t === undefined) return word("end", "", this.endColumn);
    if (t.text === "--") {
      this.optind++;
      return word("end", "", this.endColumn);
    }
    if (!t.text.startsWith("-") || t.text === "-") {
      this.optind++;
      return word("nonopt", t.text, t.column);
    }
    if (t.text.startsWith("--")) return this.longOpt(t, longs);
    this.nextchar = 1;
    return this.shortOpt();
  }

  private longOpt(t: Token, longs: readonly LongOptGroup<O>[]): Got<O> {
    this.optind++;
    const eq = t.text.indexOf("=");
    const name = t.text.slice(2, eq < 0 ? undefined : eq);
    const found = exactLong(longs, name) ?? prefixLong(longs, name);
    if (!found) return word("unknown", t.text, t.column);
    const { owner, opt: long } = found;
    if (eq >= 0) {
      if (long.hasArg === 0) return word("unknown", t.text, t.column);
      return opt(owner, long.option, t.text.slice(eq + 1), t.column + eq + 1, t.column);
    }
    if (long.hasArg === 1) {
      const a = this.tokens[this.optind];
      if (a === undefined) return word("missing", t.text, t.column);
      this.optind++;
      return opt(owner, long.option, a.text, a.column, t.column);
    }
    return opt(owner, long.option, undefined, t.column, t.column);
  }

  private shortOpt(): Got<O> {
    const t = this.tokens[this.optind]!;
    const c = t.text[this.nextchar]!;
    const column = t.column + this.nextchar;
    this.nextchar++;
    const last = this.nextchar >= t.text.length;
    const has = this.shorts.get(c);
    if (has === undefined) {
      if (last) this.finishWord();
      return word("unknown", last ? t.text : this.previous().text, column);
    }
    if (has === 0) {
      if (last) this.finishWord();
      return opt<O>(undefined, c, undefined, column, column);
    }
    if (!last) {
      const arg = t.text.slice(this.nextchar);
      const argColumn = t.column + this.nextchar;
      this.finishWord();
      return opt<O>(undefined, c, arg, argColumn, column);
    }
    this.finishWord();
    if (has === 2) return opt<O>(undefined, c, undefined, column, column);
    const a = this.tokens[this.optind];
    if (a === undefined) return word("missing", t.text, column);
    this.optind++;
    return opt<O>(undefined, c, a.text, a.column, column);
  }

  /** The short options of this word are all read: go on with the next word. */
  private finishWord(): void {
    this.optind++;
    this.nextchar = 0;
  }
}

interface Found<O> {
  readonly owner: O | undefined;
  readonly opt: LongOpt;
}

/** The first option named exactly `name`, in table order. */
function exactLong<O>(longs: readonly LongOptGroup<O>[], name: string): Found<O> | undefined {
  for (const g of longs) {
    const opt = g.table.byName.get(name);
    if (opt) return { owner: g.owner, opt };
  }
  return undefined;
}

/** An abbreviation: the options starting with `name` must all be one option (same handler, same argument kind). */
function prefixLong<O>(longs: readonly LongOptGroup<O>[], name: string): Found<O> | undefined {
  let first: Found<O> | undefined;
  for (const g of longs) {
    for (const opt of g.table.opts) {
      if (!opt.name.startsWith(name)) continue;
      if (!first) first = { owner: g.owner, opt };
      else if (g.owner !== first.owner || opt.option !== first.opt.option || opt.hasArg !== first.opt.hasArg) return undefined;
    }
  }
  return first;
}
