/**
 * GNU getopt_long as iptables calls it: optstring "-:A:C:D:..." (non-options returned in order,
 * ':' for a missing argument), long options matched exactly or by an unambiguous prefix, and a
 * long-option table that grows as `-m` and `-j` load extensions (the newest first).
 */
import type { Token } from "../cmd/tokenize";

export type HasArg = 0 | 1 | 2;

export interface LongOpt {
  readonly name: string;
  readonly hasArg: HasArg;
  /** Who handles it: "core:A" for iptables' own options, "m3:dport" for an extension's. */
  readonly key: string;
}

export type Got =
  | { readonly kind: "end" }
  | { readonly kind: "nonopt"; readonly text: string; readonly column: number }
  | { readonly kind: "opt"; readonly key: string; readonly arg?: string; readonly argColumn: number; readonly column: number }
  /** '?': unknown, ambiguous, or an argument given to an option that takes none. */
  | { readonly kind: "unknown"; readonly text: string; readonly column: number }
  /** ':': the option needs an argument and the line ended. */
  | { readonly kind: "missing"; readonly text: string; readonly column: number };

export class Getopt {
  optind = 0;
  private nextchar = 0;

  constructor(
    readonly tokens: readonly Token[],
    private readonly shorts: Readonly<Record<string, HasArg>>,
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

  next(longs: readonly LongOpt[]): Got {
    if (this.nextchar > 0) return this.shortOpt();
    const t = this.tokens[this.optind];
    if (t === undefined) return { kind: "end" };
    if (t.text === "--") {
      this.optind++;
      return { kind: "end" };
    }
    if (!t.text.startsWith("-") || t.text === "-") {
      this.optind++;
      return { kind: "nonopt", text: t.text, column: t.column };
    }
    if (t.text.startsWith("--")) return this.longOpt(t, longs);
    this.nextchar = 1;
    return this.shortOpt();
  }

  private longOpt(t: Token, longs: readonly LongOpt[]): Got {
    this.optind++;
    const eq = t.text.indexOf("=");
    const name = t.text.slice(2, eq < 0 ? undefined : eq);
    const unknown: Got = { kind: "unknown", text: t.text, column: t.column };
    let found = longs.find((o) => o.name === name);
    if (!found) {
      const prefixed = longs.filter((o) => o.name.startsWith(name));
      const first = prefixed[0];
      if (!first || prefixed.some((o) => o.key !== first.key || o.hasArg !== first.hasArg)) return unknown;
      found = first;
    }
    if (eq >= 0) {
      if (found.hasArg === 0) return unknown;
      return { kind: "opt", key: found.key, arg: t.text.slice(eq + 1), argColumn: t.column + eq + 1, column: t.column };
    }
    if (found.hasArg === 1) {
      const a = this.tokens[this.optind];
      if (a === undefined) return { kind: "missing", text: t.text, column: t.column };
      this.optind++;
      return { kind: "opt", key: found.key, arg: a.text, argColumn: a.column, column: t.column };
    }
    return { kind: "opt", key: found.key, argColumn: t.column, column: t.column };
  }

  private shortOpt(): Got {
    const t = this.tokens[this.optind]!;
    const c = t.text[this.nextchar]!;
    const column = t.column + this.nextchar;
    this.nextchar++;
    const last = this.nextchar >= t.text.length;
    const finish = (): void => {
      this.optind++;
      this.nextchar = 0;
    };
    const has = Object.hasOwn(this.shorts, c) ? this.shorts[c] : undefined;
    if (has === undefined) {
      if (last) finish();
      return { kind: "unknown", text: last ? t.text : this.previous().text, column };
    }
    const key = `core:${c}`;
    if (has === 0) {
      if (last) finish();
      return { kind: "opt", key, argColumn: column, column };
    }
    if (!last) {
      const arg = t.text.slice(this.nextchar);
      const argColumn = t.column + this.nextchar;
      finish();
      return { kind: "opt", key, arg, argColumn, column };
    }
    finish();
    if (has === 2) return { kind: "opt", key, argColumn: column, column };
    const a = this.tokens[this.optind];
    if (a === undefined) return { kind: "missing", text: t.text, column };
    this.optind++;
    return { kind: "opt", key, arg: a.text, argColumn: a.column, column };
  }
}
