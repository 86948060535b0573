/** -m statistic: random matches are the walk's branch points ([LB1]); nth matches count packets per rule. */
import type { Walk } from "../walk/context";
import { nthKey } from "./counters";
import type { Match, TableName } from "./types";

/**
 * Where a table walk is: what a statistic match needs besides the packet. One per table walk,
 * updated in place as the walk moves from rule to rule.
 */
export interface StatisticSite {
  readonly w: Walk;
  readonly hostName: string;
  readonly table: TableName;
  chain: string;
  rule: number;
}

export function statisticMatches(m: Extract<Match, { kind: "statistic" }>, matchIndex: number, site: StatisticSite): boolean {
  if (m.mode === "random") {
    // [LB3] iptables stores lround(p * 2^31) and the kernel compares a random 31-bit number with it.
    const p = Math.round(m.probability * 0x80000000) / 0x80000000;
    return p >= 1 ? true : p <= 0 ? false : site.w.choose(p);
  }
  const nth = site.w.nfNth(site.hostName);
  const key = nthKey(site.table, site.chain, site.rule, matchIndex);
  const every = m.every - 1;
  const before = nth[key] ?? m.count;
  const after = before >= every ? 0 : before + 1;
  nth[key] = after;
  return after === 0;
}
