/**
 * Lookup structures built once per ruleset value (kept with the value, so any change to the
 * table builds new ones): chains by name, where each rule jumps, and nftables-style maps over
 * runs of rules that each match one destination address, so a walk through 40,000 kube-proxy
 * rules does not test them one by one. The trace still reports every rule the kernel's linear
 * walk would have passed.
 */
import { ruleKey } from "./counters";
import type { Chain, Rule, TableName } from "./types";

/** One table's chains (the chains array of one table value) by name, their rules' jump targets and counter keys. */
export interface TableIndex {
  readonly byName: ReadonlyMap<string, Chain>;
  readonly jumps: Map<Chain, readonly (Chain | undefined)[]>;
  readonly ruleKeys: Map<Chain, { readonly table: TableName; readonly keys: string[] }>;
}

/**
 * What `build` makes of `value`, computed once and kept on the value itself as a
 * non-enumerable symbol property (printing, comparing and copying never see it). Keyed by the
 * value's identity: safe because ruleset values are never changed in place. Not a WeakMap:
 * V8's young-generation collector keeps a WeakMap's values alive, so every index built since
 * the last full collection, with the chains and rules it points to, was copied and promoted.
 */
function kept<K extends object, V>(value: K, key: symbol, build: (value: K) => V): V {
  const hit = (value as Record<symbol, V | undefined>)[key];
  if (hit !== undefined) return hit;
  const built = build(value);
  Object.defineProperty(value, key, { value: built });
  return built;
}

const INDEX = Symbol("tableIndex");

function buildIndex(chains: readonly Chain[]): TableIndex {
  const byName = new Map<string, Chain>();
  for (const c of chains) byName.set(c.name, c);
  return { byName, jumps: new Map(), ruleKeys: new Map() };
}

export function tableIndex(chains: readonly Chain[]): TableIndex {
  return kept(chains, INDEX, buildIndex);
}

export function chainsByName(chains: readonly Chain[]): ReadonlyMap<string, Chain> {
  return tableIndex(chains).byName;
}

/**
 * For each rule of `chain`, the chain of the same table its -j/-g names (undefined: no jump, or
 * no such chain), resolved once: names are looked up when the table is validated, then again
 * by every packet that jumps.
 */
export function jumpTargets(index: TableIndex, chain: Chain): readonly (Chain | undefined)[] {
  let targets = index.jumps.get(chain);
  if (!targets) {
    targets = chain.rules.map((r) => (r.target?.kind === "jump" || r.target?.kind === "goto" ? index.byName.get(r.target.chain) : undefined));
    index.jumps.set(chain, targets);
  }
  return targets;
}

/** A run of consecutive rules that each need `-d ADDR/32` (not negated): candidates by address. */
export interface DstRun {
  readonly start: number;
  readonly end: number;
  readonly byDst: ReadonlyMap<number, readonly number[]>;
}

/** Runs shorter than this are walked rule by rule. */
const MIN_RUN = 8;
const RUNS = Symbol("dstRuns");

const exactDst = (r: Rule): number | undefined => (r.dst && !r.dst.negate && r.dst.value.prefixLen === 32 ? r.dst.value.address : undefined);

/** What dstRuns gives a chain too short to hold a run: no rule is in one. */
const NO_RUNS: readonly (DstRun | undefined)[] = [];

/** For each rule index, the run it belongs to (if any). */
export function dstRuns(rules: readonly Rule[]): readonly (DstRun | undefined)[] {
  if (rules.length < MIN_RUN) return NO_RUNS;
  return kept(rules, RUNS, buildRuns);
}

function buildRuns(rules: readonly Rule[]): (DstRun | undefined)[] {
  const runs = new Array<DstRun | undefined>(rules.length);
  let i = 0;
  while (i < rules.length) {
    let j = i;
    while (j < rules.length && exactDst(rules[j]!) !== undefined) j++;
    if (j - i >= MIN_RUN) {
      const byDst = new Map<number, number[]>();
      for (let k = i; k < j; k++) {
        const d = exactDst(rules[k]!)!;
        const list = byDst.get(d);
        if (list) list.push(k);
        else byDst.set(d, [k]);
      }
      const run = { start: i, end: j, byDst };
      for (let k = i; k < j; k++) runs[k] = run;
    }
    i = Math.max(j, i + 1);
  }
  return runs;
}

/** ruleKey for rule `i` of `chain`, built once per table value: a walk counts the same rules packet after packet. */
export function chainRuleKey(index: TableIndex, table: TableName, chain: Chain, i: number): string {
  let cached = index.ruleKeys.get(chain);
  if (!cached || cached.table !== table) {
    cached = { table, keys: [] };
    index.ruleKeys.set(chain, cached);
  }
  return (cached.keys[i] ??= ruleKey(table, chain.name, i));
}
