/** Rule counters and nth counts gathered by packets, kept sparse, folded into rules on demand. */
import { patchHost } from "../model/state";
import type { Host } from "../model/types";
import type { Chain, Counters, Match, Netfilter, Rule, TableName } from "./types";
import { TABLE_ORDER } from "./types";

export const ruleKey = (table: TableName, chain: string, index: number): string => `${table}|${chain}|${index}`;
export const policyKey = (table: TableName, chain: string): string => `${table}|${chain}|P`;
export const nthKey = (table: TableName, chain: string, index: number, match: number): string => `${table}|${chain}|${index}|${match}`;

export function countPacket(counters: Map<string, Counters>, key: string, bytes: number): void {
  const c = counters.get(key);
  counters.set(key, c ? { packets: c.packets + 1, bytes: c.bytes + bytes } : { packets: 1, bytes });
}

/** [NF8] Before an iptables command reads or changes a table, the gathered counts join the rules. */
export function foldCounters(host: Host): Host {
  if (Object.keys(host.nfCounters).length === 0 && Object.keys(host.nfNth).length === 0) return host;
  const netfilter = {} as Record<TableName, Netfilter[TableName]>;
  for (const t of TABLE_ORDER) {
    netfilter[t] = { ...host.netfilter[t], chains: host.netfilter[t].chains.map((c) => foldChain(host, t, c)) };
  }
  return patchHost(host, { netfilter, nfCounters: {}, nfNth: {} });
}

function foldChain(host: Host, table: TableName, chain: Chain): Chain {
  const policy = host.nfCounters[policyKey(table, chain.name)];
  const rules = chain.rules.map((rule, i) => foldRule(host, table, chain.name, i, rule));
  const counters = policy ? { packets: chain.counters.packets + policy.packets, bytes: chain.counters.bytes + policy.bytes } : chain.counters;
  return { ...chain, counters, rules };
}

function foldRule(host: Host, table: TableName, chain: string, i: number, rule: Rule): Rule {
  const c = host.nfCounters[ruleKey(table, chain, i)];
  const matches = rule.matches.map((m, j): Match => {
    const n = host.nfNth[nthKey(table, chain, i, j)];
    return n !== undefined && m.kind === "statistic" && m.mode === "nth" ? { ...m, count: n } : m;
  });
  if (!c && matches.every((m, j) => m === rule.matches[j])) return rule;
  return { ...rule, matches, counters: c ? { packets: rule.counters.packets + c.packets, bytes: rule.counters.bytes + c.bytes } : rule.counters };
}
