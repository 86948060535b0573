/**
 * Lookup structures built once per ruleset value (kept with the value, so any change to the
 * table builds new ones): chains by name, where each rule jumps, and nftables-style maps over
 * runs of rules that each match one destination address, so a walk through 40,000 kube-proxy
 * rules does not test them one by one. The trace still reports every rule the kernel's linear
 * walk would have passed.
 */
import { ruleKey } from "./counters";
import { keep, type Keeps } from "./kept";
import type { Chain, Rule, TableName } from "./types";

/** One table's chains (the chains array of one table value) by name, their rules' jump targets, and what a walk needs of each chain. */
export interface TableIndex {
  readonly byName: ReadonlyMap<string, Chain>;
  readonly jumps: Map<Chain, readonly (Chain | undefined)[]>;
  readonly walkInfo: Map<Chain, ChainWalkInfo>;
}

/** What a table walk needs of one chain, found with one lookup each time the walk enters it. */
export interface ChainWalkInfo {
  readonly table: TableName;
  /** dstRuns of the chain's rules. */
  readonly runs: readonly (DstRun | undefined)[];
  /** jumpTargets of the chain. */
  readonly targets: readonly (Chain | undefined)[];
  /** Counter keys by rule index (ruleKey), made the first time a rule counts a packet. */
  readonly keys: string[];
}

const INDEX = Symbol("tableIndex");

function buildIndex(chains: readonly Chain[]): TableIndex {
  const byName = new Map<string, Chain>();
  for (const c of chains) byName.set(c.name, c);
  return { byName, jumps: new Map(), walkInfo: new Map() };
}

export function tableIndex(chains: readonly Chain[]): TableIndex {
  // The key read here, not in a shared helper: this load then sees only chain arrays.
  return (chains as unknown as Keeps<TableIndex>)[INDEX] ?? keep(chains, INDEX, buildIndex(chains));
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
  return (rules as unknown as Keeps<readonly (DstRun | undefined)[]>)[RUNS] ?? keep(rules, RUNS, buildRuns(rules));
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

/** The chain's ChainWalkInfo in `table`, built once per table value. */
export function chainWalkInfo(index: TableIndex, table: TableName, chain: Chain): ChainWalkInfo {
  let info = index.walkInfo.get(chain);
  if (!info || info.table !== table) {
    info = { table, runs: dstRuns(chain.rules), targets: jumpTargets(index, chain), keys: [] };
    index.walkInfo.set(chain, info);
  }
  return info;
}

/** ruleKey for rule `i` of the chain `info` describes: a walk counts the same rules packet after packet. */
export function chainRuleKey(info: ChainWalkInfo, chain: Chain, i: number): string {
  return (info.keys[i] ??= ruleKey(info.table, chain.name, i));
}
