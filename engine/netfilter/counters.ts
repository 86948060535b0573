/** Rule counters and nth counts gathered by packets, kept sparse, folded into rules on demand. */
import { patchHost } from "../model/state";
import type { Host } from "../model/types";
import type { Chain, CounterLog, Counters, Match, Netfilter, Rule, TableName } from "./types";
import { TABLE_ORDER } from "./types";

export const ruleKey = (table: TableName, chain: string, index: number): string => `${table}|${chain}|${index}`;
export const policyKey = (table: TableName, chain: string): string => `${table}|${chain}|P`;
export const nthKey = (table: TableName, chain: string, index: number, match: number): string => `${table}|${chain}|${index}|${match}`;

export function countPacket(counters: WalkCounts, key: string, bytes: number): void {
  // A walk matches a handful of rules per host: a scan beats hashing, and the keys are mostly the same string objects.
  for (let i = 0; i < counters.length; i += 3) {
    if (counters[i] === key) {
      (counters[i + 1] as number)++;
      (counters[i + 2] as number) += bytes;
      return;
    }
  }
  counters.push(key, 1, bytes);
}

/** All counts in a log, summed per key. */
export function counterTotals(log: CounterLog | undefined): Map<string, Counters> {
  const totals = new Map<string, Counters>();
  for (let l = log; l; l = l.prev) {
    const a = l.add;
    for (let i = 0; i < a.length; i += 3) {
      const k = a[i] as string;
      const t = totals.get(k);
      const packets = a[i + 1] as number;
      const bytes = a[i + 2] as number;
      totals.set(k, t ? { packets: t.packets + packets, bytes: t.bytes + bytes } : { packets, bytes });
    }
  }
  return totals;
}

/**
 * Counts a walk gathers, in the log's own layout (key, packets, bytes; each key once, in the
 * order first counted), mutable while the walk runs and then handed to the log as it is.
 */
export type WalkCounts = (string | number)[];

/** Add one walk's counts (the log takes the array: the walk must not touch it again): a new link, or one merged record once the chain is 32 long. */
export function appendCounters(log: CounterLog | undefined, add: WalkCounts): CounterLog | undefined {
  if (add.length === 0) return log;
  if (log && log.depth >= 32) {
    const merged: (string | number)[] = [];
    for (const [k, c] of counterTotals({ add, prev: log, depth: 0 })) merged.push(k, c.packets, c.bytes);
    return { add: merged, depth: 1 };
  }
  return { add, prev: log, depth: (log?.depth ?? 0) + 1 };
}

/** [NF8] Before an iptables command reads or changes a table, the gathered counts join the rules. */
export function foldCounters(host: Host): Host {
  if (host.nfCounters === undefined && Object.keys(host.nfNth).length === 0) return host;
  const totals = counterTotals(host.nfCounters);
  const netfilter = {} as Record<TableName, Netfilter[TableName]>;
  for (const t of TABLE_ORDER) {
    netfilter[t] = { ...host.netfilter[t], chains: host.netfilter[t].chains.map((c) => foldChain(host, totals, t, c)) };
  }
  return patchHost(host, { netfilter, nfCounters: undefined, nfNth: {} });
}

function foldChain(host: Host, totals: ReadonlyMap<string, Counters>, table: TableName, chain: Chain): Chain {
  const policy = totals.get(policyKey(table, chain.name));
  const rules = chain.rules.map((rule, i) => foldRule(host, totals, table, chain.name, i, rule));
  const counters = policy ? { packets: chain.counters.packets + policy.packets, bytes: chain.counters.bytes + policy.bytes } : chain.counters;
  return { ...chain, counters, rules };
}

function foldRule(host: Host, totals: ReadonlyMap<string, Counters>, table: TableName, chain: string, i: number, rule: Rule): Rule {
  const c = totals.get(ruleKey(table, chain, i));
  const matches = rule.matches.map((m, j): Match => {
    const n = host.nfNth[nthKey(table, chain, i, j)];
    return n !== undefined && m.kind === "statistic" && m.mode === "nth" ? { ...m, count: n } : m;
  });
  if (!c && matches.every((m, j) => m === rule.matches[j])) return rule;
  return { ...rule, matches, counters: c ? { packets: rule.counters.packets + c.packets, bytes: rule.counters.bytes + c.bytes } : rule.counters };
}
