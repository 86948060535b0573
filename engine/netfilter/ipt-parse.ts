/**
 * iptables' do_parse(): one pass over the words with getopt_long, commands and rule options
 * in any order, `!` before the option it negates, extensions loaded by -m/-j (and the protocol
 * match loaded implicitly by an option only it knows, as `-p tcp --dport 80` does).
 * The checks after the loop and the typed command are in ipt-parse-finish.ts.
 */
import type { Token } from "../cmd/tokenize";
import { param } from "./ipt-errors";
import { callOption, longOpts, type ParseEnv } from "./ipt-ext";
import { Getopt, longOptTable, type HasArg, type LongOptGroup } from "./ipt-getopt";
import { failAt, type Loaded, type ParsedArgs, type ParseOptions } from "./ipt-parsed";
import { coreOption } from "./ipt-parse-core";
import { loadProto } from "./ipt-parse-opts";
import type { Match, Target } from "./types";

export type { ParsedArgs, ParseOptions } from "./ipt-parsed";
export { CMD, OPT_CHARS } from "./ipt-parsed";

const SHORTS: ReadonlyMap<string, HasArg> = new Map(Object.entries({
  A: 1, C: 1, D: 1, R: 1, I: 1, L: 2, S: 2, M: 1, F: 2, Z: 2, N: 1, X: 2, E: 1, P: 1, V: 0, h: 2,
  o: 1, p: 1, s: 1, d: 1, j: 1, i: 1, f: 0, v: 0, w: 2, W: 2, n: 0, t: 1, m: 1, x: 0, c: 1, g: 1, "4": 0, "6": 0,
} as const));

const LONGS: readonly [string, HasArg, string][] = [
  ["append", 1, "A"], ["delete", 1, "D"], ["check", 1, "C"], ["insert", 1, "I"], ["replace", 1, "R"], ["list", 2, "L"],
  ["list-rules", 2, "S"], ["flush", 2, "F"], ["zero", 2, "Z"], ["new-chain", 1, "N"], ["delete-chain", 2, "X"],
  ["rename-chain", 1, "E"], ["policy", 1, "P"], ["source", 1, "s"], ["destination", 1, "d"], ["src", 1, "s"], ["dst", 1, "d"],
  ["protocol", 1, "p"], ["in-interface", 1, "i"], ["jump", 1, "j"], ["table", 1, "t"], ["match", 1, "m"], ["numeric", 0, "n"],
  ["out-interface", 1, "o"], ["verbose", 0, "v"], ["wait", 2, "w"], ["wait-interval", 2, "W"], ["exact", 0, "x"],
  ["fragments", 0, "f"], ["version", 0, "V"], ["help", 2, "h"], ["line-numbers", 0, "0"], ["modprobe", 1, "M"],
  ["set-counters", 1, "c"], ["goto", 1, "g"], ["ipv4", 0, "4"], ["ipv6", 0, "6"],
];
const CORE_LONGS: LongOptGroup<never> = { owner: undefined, table: longOptTable(LONGS.map(([name, hasArg, option]) => ({ name, hasArg, option }))) };

type LoadedExt = Loaded<Match> | Loaded<Target>;

export function parseIptArgs(tokens: readonly Token[], o: ParseOptions): ParsedArgs {
  // Every field from the start, so the object keeps one shape however the options come.
  const p: ParsedArgs = {
    table: { value: o.table ?? "filter", column: 0 },
    command: 0,
    chain: undefined,
    rulenum: undefined,
    newname: undefined,
    policy: undefined,
    options: 0,
    verbose: false,
    proto: undefined,
    src: undefined,
    dst: undefined,
    inIface: undefined,
    outIface: undefined,
    matches: [],
    target: undefined,
    jump: undefined,
    counters: undefined,
    warnings: [],
    version: false,
    leftover: false,
    protoUsed: false,
  };
  const env: ParseEnv = { proto: () => p.proto, warnings: p.warnings };
  const g = new Getopt<LoadedExt>(tokens, SHORTS, o.endColumn);
  // The option table changes only when -m or -j loads an extension: each new one goes in once,
  // a target after iptables' own options, matches newest first after it (matches are only ever
  // added, and -j loads at most one target).
  const longs: LongOptGroup<LoadedExt>[] = [CORE_LONGS];
  let matchesIn = 0;
  let targetIn = false;
  const addLoaded = (): void => {
    if (p.target && !targetIn) {
      insertGroup(longs, 1, { owner: p.target, table: longOpts(p.target.ext.options) });
      targetIn = true;
    }
    for (; matchesIn < p.matches.length; matchesIn++) {
      const m = p.matches[matchesIn]!;
      insertGroup(longs, targetIn ? 2 : 1, { owner: m, table: longOpts(m.ext.options) });
    }
  };
  let invert = false;
  for (;;) {
    addLoaded();
    const got = g.next(longs);
    if (got.kind === "end") break;
    if (got.kind === "nonopt") {
      if (got.text === "!") {
        if (invert) failAt(param("multiple consecutive ! not allowed", got.column));
        invert = true;
        continue;
      }
      failAt({ kind: "bad-arg", arg: got.text, column: got.column });
    }
    if (got.kind === "unknown" || got.kind === "missing") {
      if (got.kind === "unknown" && got.text.startsWith("--") && loadProto(p, got.column)) {
        g.rewind();
        continue;
      }
      failAt(param(got.kind === "unknown" ? `unknown option "${got.text}"` : `option "${got.text}" requires an argument`, got.column));
    }
    if (got.kind === "opt") {
      const loaded = got.owner;
      if (!loaded) coreOption(p, g, got.option, got.arg, got.argColumn, got.column, invert, o);
      else callOption(loaded.ext, loaded.seen, { name: got.option, arg: got.arg ?? "", argColumn: got.argColumn, invert, column: got.column }, env);
    }
    invert = false;
  }
  if (g.optind < tokens.length) p.leftover = true;
  if (invert) failAt(param("nothing appropriate following !", o.endColumn));
  return p;
}

/** `group` into `groups` at `at`, the later ones moving up one. */
function insertGroup(groups: LongOptGroup<LoadedExt>[], at: number, group: LongOptGroup<LoadedExt>): void {
  groups.push(group);
  for (let i = groups.length - 1; i > at; i--) groups[i] = groups[i - 1]!;
  groups[at] = group;
}
