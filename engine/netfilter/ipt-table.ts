/** Small pure helpers over one table: find chains, count references, replace a chain. */
import type { Chain, Counters, Netfilter, Rule, Table, TableName } from "./types";

export const isBuiltin = (c: Chain): boolean => c.policy !== undefined;

export function chainIndex(t: Table, name: string): number {
  return t.chains.findIndex((c) => c.name === name);
}

/**
 * A chain with other rules (and counters), built field by field rather than by object spread;
 * a user chain has no policy key at all.
 */
export function copyChain(c: Chain, rules: readonly Rule[], counters: Counters = c.counters): Chain {
  return c.policy !== undefined ? { name: c.name, policy: c.policy, counters, rules } : { name: c.name, counters, rules };
}

/** The tables with one of them replaced, keys in TABLE_ORDER as a fresh namespace has them. */
export function withTable(nf: Netfilter, name: TableName, table: Table): Netfilter {
  return {
    raw: name === "raw" ? table : nf.raw,
    mangle: name === "mangle" ? table : nf.mangle,
    nat: name === "nat" ? table : nf.nat,
    filter: name === "filter" ? table : nf.filter,
  };
}

export function withChain(t: Table, index: number, chain: Chain): Table {
  return { chains: t.chains.map((c, i) => (i === index ? chain : c)), created: true };
}

export function withRules(t: Table, index: number, rules: readonly Rule[]): Table {
  return withChain(t, index, copyChain(t.chains[index]!, rules));
}

/** Rules anywhere in the table that jump or go to `name` (what -L prints as "N references"). */
export function references(t: Table, name: string): number {
  let n = 0;
  for (const c of t.chains) for (const r of c.rules) if ((r.target?.kind === "jump" || r.target?.kind === "goto") && r.target.chain === name) n++;
  return n;
}

/** Built-in chains in hook order, then user chains sorted by name (strcmp), as iptables-nft lists them. */
export function listingOrder(t: Table): Chain[] {
  const builtin = t.chains.filter(isBuiltin);
  const user = t.chains.filter((c) => !isBuiltin(c)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [...builtin, ...user];
}

const ZERO = { packets: 0, bytes: 0 } as const;

export function zeroChain(c: Chain, num?: number): Chain {
  const rules = c.rules.map((r, i) => (num === undefined || i === num - 1 ? { ...r, counters: ZERO } : r));
  return copyChain(c, rules, num === undefined ? ZERO : c.counters);
}
