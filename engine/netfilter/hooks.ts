/**
 * A netfilter hook: the tables registered there, in the kernel's priority order, with
 * conntrack and NAT between them (raw -300, conntrack -200, mangle -150, nat DNAT -100,
 * filter 0, nat SNAT 100, conntrack confirm last).
 */
import type { Link } from "../model/types";
import type { Walk } from "../walk/context";
import { withConntrack, type CtRef, type Packet } from "../walk/packet";
import { activeNetfilter, HOOK_BIT } from "./active";
import { walkTable } from "./chain-walk";
import { confirm, conntrackIn, noteReply, patchCtRef, storeEntry } from "./conntrack";
import { bindNat, isDstHook, manip, uniqueSource } from "./nat";
import type { CtState, Hook, RejectWith, TableName } from "./types";
import type { MatchContext } from "./match";

export interface HookDevices {
  readonly inDev?: Link;
  readonly outDev?: Link;
  readonly physIn?: string;
  readonly physOut?: string;
  readonly bridged?: boolean;
  /** The next hop the routing decision chose (MASQUERADE picks its address by it). */
  readonly nexthop?: number;
}

export type HookResult =
  | { readonly ok: true; readonly pkt: Packet }
  | { readonly ok: false; readonly pkt: Packet; readonly detail: string; readonly reject?: RejectWith };

/** [NF2] Run one hook. A namespace with no rules and no conntrack passes packets untouched. */
export function runHook(w: Walk, hostName: string, hook: Hook, pkt0: Packet, devs: HookDevices): HookResult {
  const active = activeNetfilter(w.host(hostName));
  if (!active.any) return { ok: true, pkt: pkt0 };
  let pkt = pkt0;
  if (active.conntrack && isDstHook(hook)) {
    // raw runs before conntrack; PodPath's raw table has no NOTRACK, so only its verdict matters.
    // Before conntrack runs, xt_conntrack sees no entry: INVALID.
    if (active.busy.raw & HOOK_BIT[hook]) {
      const raw = walkTable(w, hostName, "raw", hook, pkt, matchContext(w, hostName, devs, pkt.mark ?? 0, "INVALID"));
      if (raw.kind === "drop") return { ok: false, pkt: raw.pkt, detail: `iptables -t raw: ${raw.rule !== undefined ? `rule ${raw.rule} of ${raw.chain}` : `policy of ${raw.chain}`} drops it` };
      pkt = raw.pkt;
    }
    pkt = track(w, hostName, pkt);
  }
  // Every table of the hook sees the conntrack state as it was before the first of them ran.
  // The context is built when a table is walked: many hooks only track and NAT.
  const ct = pkt.ct;
  let ctx: MatchContext | undefined;
  // The tables this ruleset has work for at this hook, in the kernel's order (activeNetfilter).
  for (const table of active.walked[hook]) {
    if (table === "nat") {
      if (!pkt.ct) continue;
      if (natWalks(pkt.ct)) ctx ??= matchContext(w, hostName, devs, pkt.mark ?? 0, ct?.state ?? "UNTRACKED", ct?.entry.snat, ct?.entry.dnat);
      const r = natTable(w, hostName, hook, pkt, ctx, devs);
      if (!r.ok) return r;
      pkt = r.pkt;
      continue;
    }
    ctx ??= matchContext(w, hostName, devs, pkt.mark ?? 0, ct?.state ?? "UNTRACKED", ct?.entry.snat, ct?.entry.dnat);
    const v = walkTable(w, hostName, table, hook, pkt, ctx);
    if (v.kind === "drop") return { ok: false, pkt: v.pkt, detail: `iptables -t ${table}: ${v.rule !== undefined ? `rule ${v.rule} of ${v.chain}` : `policy of ${v.chain}`} drops it` };
    if (v.kind === "reject") return { ok: false, pkt: v.pkt, detail: `iptables -t ${table}: rule ${v.rule} of ${v.chain} rejects it (${v.with})`, reject: v.with };
    pkt = v.pkt;
  }
  if ((hook === "POSTROUTING" || hook === "INPUT") && pkt.ct && pkt.ct.host === hostName) {
    const ct = confirm(w, pkt.ct);
    if (ct !== pkt.ct) pkt = withConntrack(pkt, ct);
  }
  return { ok: true, pkt };
}

/** What the hook's rules see besides the packet; `mark` is the packet's as the hook begins (a table walk follows later changes). */
function matchContext(w: Walk, hostName: string, devs: HookDevices, mark: number, ctState: CtState, ctSnat?: boolean, ctDnat?: boolean): MatchContext {
  return { host: w.host(hostName), inDev: devs.inDev?.name, outDev: devs.outDev?.name, physIn: devs.physIn, physOut: devs.physOut, bridged: devs.bridged ?? false, ctState, ctSnat, ctDnat, mark };
}

/** conntrack_in (after raw): find or start the connection; a reply updates the stored entry. */
function track(w: Walk, hostName: string, pkt: Packet): Packet {
  if (pkt.ct && pkt.ct.host === hostName) return pkt;
  let ref = conntrackIn(w, hostName, pkt);
  if (ref.confirmed && ref.dir === "reply" && ref.state === "ESTABLISHED") {
    const entry = noteReply(ref.entry, pkt);
    // A further reply of a connection already marked changes nothing: skip copying the table.
    if (entry.replied !== ref.entry.replied || entry.tcpState !== ref.entry.tcpState || entry.assured !== ref.entry.assured) {
      storeEntry(w, hostName, entry);
      ref = patchCtRef(ref, { entry });
    }
  }
  w.emit({ step: "ct", host: hostName, pkt, state: ref.state, dir: ref.dir, isNew: !ref.confirmed });
  return withConntrack(pkt, ref);
}

/** [NAT1] The nat table is walked for a connection's first packet only. */
const natWalks = (ref: CtRef): boolean => ref.state === "NEW" && !ref.confirmed;

/** `ctx` is given when natWalks(pkt.ct). */
function natTable(w: Walk, hostName: string, hook: Hook, pkt: Packet, ctx: MatchContext | undefined, devs: HookDevices): HookResult {
  let ref = pkt.ct!;
  if (ref.state === "INVALID") return { ok: true, pkt };
  if (natWalks(ref)) {
    const v = walkTable(w, hostName, "nat", hook, pkt, ctx!);
    if (v.kind === "drop") return { ok: false, pkt: v.pkt, detail: `iptables -t nat: ${v.rule !== undefined ? `rule ${v.rule} of ${v.chain}` : `policy of ${v.chain}`} drops it` };
    if (v.kind === "reject") return { ok: false, pkt: v.pkt, detail: `iptables -t nat: rule ${v.rule} of ${v.chain} rejects it`, reject: v.with };
    pkt = v.pkt;
    if (v.kind === "nat") {
      const bound = bindNat(w.host(hostName), ref, pkt, v.target, devs.outDev, devs.nexthop);
      if (!bound) return { ok: false, pkt, detail: `${v.target.kind}: ${devs.outDev?.name ?? "the device"} has no address to use` };
      ref = bound;
    }
    if (!isDstHook(hook)) ref = uniqueSource(w.host(hostName).conntrack, ref);
  }
  return { ok: true, pkt: manip(w, hostName, hook, pkt, ref) };
}
