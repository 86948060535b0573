/**
 * Glue between apply() and the netfilter commands: fold the packet counters into the rules
 * first ([NF8]), run the command on the host's tables or conntrack table, and print.
 */
import { assertNever } from "../model/carrier";
import { patchHost, withHost } from "../model/state";
import type { Host, NetState } from "../model/types";
import type { ConntrackCommand, IptCommand, RestoreLine, RestoreOptions, SaveCommand } from "../netfilter/ipt-command";
import { failureText, podpath } from "../netfilter/ipt-errors";
import { execIpt } from "../netfilter/ipt-exec";
import { foldCounters } from "../netfilter/counters";
import { printSave } from "../netfilter/iptables-save";
import { runRestore } from "../netfilter/iptables-restore";
import { CT_VERSION } from "../netfilter/conntrack-cmd";
import { conntrackLine, matchesFilter } from "../netfilter/print-conntrack";
import { TABLE_ORDER, type Netfilter, type TableName, type Table } from "../netfilter/types";
import { done, refuse, refuseAfter, type ApplyResult } from "./outcome";

/** foldCounters rebuilds each table from its chains; keep the [IPT2] "created" mark it does not know. */
function folded(host: Host): Host {
  const h = foldCounters(host);
  if (h === host) return host;
  const nf = {} as Record<TableName, Table>;
  for (const t of TABLE_ORDER) nf[t] = host.netfilter[t].created ? { ...h.netfilter[t], created: true } : h.netfilter[t];
  return patchHost(h, { netfilter: nf });
}

function withNetfilter(state: NetState, host: Host, nf: Netfilter): NetState {
  return nf === host.netfilter ? withHost(state, host) : withHost(state, patchHost(host, { netfilter: nf }));
}

const ECHO_OPS = new Set(["append", "insert", "delete", "replace", "check"]);

export function iptablesApply(state: NetState, host0: Host, cmd: IptCommand): ApplyResult {
  if (cmd.flags.verbose && ECHO_OPS.has(cmd.op.type)) {
    return refuse(failureText(podpath("PodPath does not echo the rule back: run it without -v."), "iptables"));
  }
  const host = folded(host0);
  const r = execIpt(host.netfilter, cmd);
  if (!r.ok) {
    const f = r.failure;
    return refuse(failureText(f, "iptables"), "column" in f ? f.column : undefined);
  }
  const warnings = cmd.warnings.map((w) => `${w}\n`).join("");
  return done(withNetfilter(state, host, r.nf), warnings + r.output);
}

export function iptablesSave(state: NetState, host0: Host, cmd: SaveCommand): ApplyResult {
  const host = folded(host0);
  return done(host === host0 ? state : withHost(state, host), printSave(host.netfilter, cmd, state.now));
}

export function iptablesRestore(state: NetState, host0: Host, opts: RestoreOptions & { readonly test: boolean }, input: readonly RestoreLine[]): ApplyResult {
  const host = folded(host0);
  const r = runRestore(host.netfilter, input, opts);
  if (!r.ok) return r.nf === host.netfilter || opts.test ? refuse(r.error) : refuseAfter(r.error, withNetfilter(state, host, r.nf));
  if (opts.test) return done(state);
  return done(withNetfilter(state, host, r.nf));
}

export function conntrackApply(state: NetState, host: Host, cmd: ConntrackCommand): ApplyResult {
  switch (cmd.type) {
    case "flush":
      return done(withHost(state, patchHost(host, { conntrack: [] })), `${CT_VERSION}: connection tracking table has been emptied.\n`);
    case "list-expect":
      return done(state, `${CT_VERSION}: 0 expectations have been shown.\n`);
    case "list": {
      const shown = host.conntrack.filter((e) => matchesFilter(e, cmd.filter));
      const lines = shown.map((e) => `${conntrackLine(e, state.now)}\n`).join("");
      return done(state, `${lines}${CT_VERSION}: ${shown.length} flow entries have been shown.\n`);
    }
    default:
      return assertNever(cmd);
  }
}
