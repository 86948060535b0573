import { TABLE_HOOKS, TABLE_ORDER, type Chain, type Netfilter, type Table, type TableName } from "./types";

const ZERO = { packets: 0, bytes: 0 } as const;

/** [NF1] A fresh namespace has the four tables with their built-in chains, empty, policy ACCEPT. */
export function emptyTable(name: TableName): Table {
  const chains: Chain[] = TABLE_HOOKS[name].map((hook) => ({ name: hook, policy: "ACCEPT", counters: ZERO, rules: [] }));
  return { chains };
}

export function emptyNetfilter(): Netfilter {
  const tables = {} as Record<TableName, Table>;
  for (const t of TABLE_ORDER) tables[t] = emptyTable(t);
  return tables;
}
