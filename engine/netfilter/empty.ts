import { TABLE_HOOKS, TABLE_ORDER, type Chain, type Netfilter, type Table, type TableName } from "./types";

const ZERO = { packets: 0, bytes: 0 } as const;

/**
 * [NF1] A fresh namespace has the four tables with their built-in chains, empty, policy ACCEPT.
 * Built once and shared by every fresh host: tables are values, never changed in place, and the
 * lookups cached per table value (chain index, active hooks) are then built once too.
 */
const EMPTY: Netfilter = (() => {
  const tables = {} as Record<TableName, Table>;
  for (const t of TABLE_ORDER) {
    const chains: Chain[] = TABLE_HOOKS[t].map((hook) => ({ name: hook, policy: "ACCEPT", counters: ZERO, rules: [] }));
    tables[t] = { chains };
  }
  return tables;
})();

export const emptyTable = (name: TableName): Table => EMPTY[name];

export const emptyNetfilter = (): Netfilter => EMPTY;
