/** What a host's ruleset needs, computed once per ruleset value. */
import type { Host } from "../model/types";
import { chainsByName } from "./chain-index";
import { keep, type Keeps } from "./kept";
import { TABLE_HOOKS, TABLE_ORDER, type Hook, type Netfilter, type TableName } from "./types";

export interface ActiveNetfilter {
  /** Any rule or non-ACCEPT policy anywhere: the hooks have work to do. */
  readonly any: boolean;
  /** Connection tracking is on in this namespace (a nat table in use, or a rule that asks for conntrack state). */
  readonly conntrack: boolean;
  /** Per table, the hooks (HOOK_BIT) whose built-in chain can decide something: it has rules, or a policy other than ACCEPT. */
  readonly busy: Readonly<Record<TableName, number>>;
}

export const HOOK_BIT: Readonly<Record<Hook, number>> = { PREROUTING: 1, INPUT: 2, FORWARD: 4, OUTPUT: 8, POSTROUTING: 16 };

function busyHooks(nf: Netfilter, table: TableName): number {
  const byName = chainsByName(nf[table].chains);
  let bits = 0;
  for (const hook of TABLE_HOOKS[table]) {
    const chain = byName.get(hook);
    if (chain && (chain.rules.length > 0 || (chain.policy ?? "ACCEPT") !== "ACCEPT")) bits |= HOOK_BIT[hook];
  }
  return bits;
}

const ACTIVE = Symbol("activeNetfilter");

/**
 * [CT5] Conntrack is enabled per namespace on demand (nf_ct_netns_get): by a NAT target
 * (DNAT, SNAT, MASQUERADE) or a rule using -m conntrack/-m state. A namespace with none of
 * these tracks nothing, and its nat table is never traversed (nat chains run only for
 * conntrack's new connections), so a MARK in the nat table alone never fires.
 */
export function activeNetfilter(host: Host): ActiveNetfilter {
  const nf = host.netfilter;
  return (nf as Keeps<ActiveNetfilter>)[ACTIVE] ?? keep(nf, ACTIVE, findActive(nf));
}

function findActive(nf: Netfilter): ActiveNetfilter {
  let any = false;
  let conntrack = false;
  for (const t of TABLE_ORDER) {
    for (const c of nf[t].chains) {
      if (c.rules.length > 0 || (c.policy !== undefined && c.policy !== "ACCEPT") || c.policy === undefined) any = true;
      for (const r of c.rules) {
        const k = r.target?.kind;
        if (k === "DNAT" || k === "SNAT" || k === "MASQUERADE" || r.matches.some((m) => m.kind === "conntrack" || m.kind === "state")) conntrack = true;
      }
    }
  }
  const busy = { raw: busyHooks(nf, "raw"), mangle: busyHooks(nf, "mangle"), nat: busyHooks(nf, "nat"), filter: busyHooks(nf, "filter") };
  return { any: any || conntrack, conntrack, busy };
}
