/** Small pure helpers over one table: find chains, count references, replace a chain. */
import type { Chain, Rule, Table } from "./types";

export const isBuiltin = (c: Chain): boolean => c.policy !== undefined;

export function chainIndex(t: Table, name: string): number {
  return t.chains.findIndex((c) => c.name === name);
}

export function withChain(t: Table, index: number, chain: Chain): Table {
  return { ...t, chains: t.chains.map((c, i) => (i === index ? chain : c)), created: true };
}

export function withRules(t: Table, index: number, rules: readonly Rule[]): Table {
  return withChain(t, index, { ...t.chains[index]!, rules });
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
  return { ...c, rules, counters: num === undefined ? ZERO : c.counters };
}
