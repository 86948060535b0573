/**
 * Lookup structures built once per ruleset value (cached in WeakMaps, so any change to the
 * table builds new ones): chains by name, and nftables-style maps over runs of rules that each
 * match one destination address, so a walk through 40,000 kube-proxy rules does not test them
 * one by one. The trace still reports every rule the kernel's linear walk would have passed.
 */
import type { Chain, Rule } from "./types";

const byNameCache = new WeakMap<readonly Chain[], Map<string, Chain>>();

export function chainsByName(chains: readonly Chain[]): Map<string, Chain> {
  let map = byNameCache.get(chains);
  if (!map) {
    map = new Map(chains.map((c) => [c.name, c]));
    byNameCache.set(chains, map);
  }
  return map;
}

/** A run of consecutive rules that each need `-d ADDR/32` (not negated): candidates by address. */
export interface DstRun {
  readonly start: number;
  readonly end: number;
  readonly byDst: ReadonlyMap<number, readonly number[]>;
}

/** Runs shorter than this are walked rule by rule. */
const MIN_RUN = 8;
const runCache = new WeakMap<readonly Rule[], (DstRun | undefined)[]>();

const exactDst = (r: Rule): number | undefined => (r.dst && !r.dst.negate && r.dst.value.prefixLen === 32 ? r.dst.value.address : undefined);

/** For each rule index, the run it belongs to (if any). */
export function dstRuns(rules: readonly Rule[]): readonly (DstRun | undefined)[] {
  let runs = runCache.get(rules);
  if (runs) return runs;
  runs = new Array<DstRun | undefined>(rules.length);
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
  runCache.set(rules, runs);
  return runs;
}
