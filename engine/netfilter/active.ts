/** What a host's ruleset needs, computed once per ruleset value. */
import type { Host } from "../model/types";
import { chainsByName } from "./chain-index";
import { keep, type Keeps } from "./kept";
import { isDstHook } from "./nat";
import { TABLE_HOOKS, TABLE_ORDER, type Hook, type Netfilter, type TableName } from "./types";

export interface ActiveNetfilter {
  /** Any rule or non-ACCEPT policy anywhere: the hooks have work to do. */
  readonly any: boolean;
  /** Connection tracking is on in this namespace (a nat table in use, or a rule that asks for conntrack state). */
  readonly conntrack: boolean;
  /** Per table, the hooks (HOOK_BIT) whose built-in chain can decide something: it has rules, or a policy other than ACCEPT. */
  readonly busy: Readonly<Record<TableName, number>>;
  /**
   * Per hook, the tables runHook walks there, in the kernel's priority order: those whose
   * built-in chain is busy; nat whenever conntrack is on (its chains run for new connections
   * only, and NAT binds even with no rule); raw at PREROUTING and OUTPUT only without conntrack
   * (with it, raw runs before conntrack, walked by runHook itself).
   */
  readonly walked: Readonly<Record<Hook, readonly TableName[]>>;
}

/** The tables registered at each hook, in the kernel's priority order (raw -300, mangle -150, nat DNAT -100, filter 0, nat SNAT 100). */
const TABLES_AT: Readonly<Record<Hook, readonly TableName[]>> = {
  PREROUTING: ["raw", "mangle", "nat"],
  INPUT: ["mangle", "filter", "nat"],
  FORWARD: ["mangle", "filter"],
  OUTPUT: ["raw", "mangle", "nat", "filter"],
  POSTROUTING: ["mangle", "nat"],
};

function walkedAt(hook: Hook, conntrack: boolean, busy: Readonly<Record<TableName, number>>): TableName[] {
  return TABLES_AT[hook].filter((table) => {
    if (table === "nat") return conntrack;
    if (table === "raw" && conntrack && isDstHook(hook)) return false;
    // A built-in chain with no rules and policy ACCEPT decides nothing: no walk.
    return (busy[table] & HOOK_BIT[hook]) !== 0;
  });
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
  const walked = {} as Record<Hook, readonly TableName[]>;
  for (const hook of Object.keys(TABLES_AT) as Hook[]) walked[hook] = walkedAt(hook, conntrack, busy);
  return { any: any || conntrack, conntrack, busy, walked };
}
