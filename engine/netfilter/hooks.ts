/**
 * A netfilter hook: the tables registered there, in the kernel's priority order, with
 * conntrack and NAT between them (raw -300, conntrack -200, mangle -150, nat DNAT -100,
 * filter 0, nat SNAT 100, conntrack confirm last).
 */
import type { Link } from "../model/types";
import type { Walk } from "../walk/context";
import { packet, type Packet } from "../walk/packet";
import { activeNetfilter } from "./active";
import { walkTable } from "./chain-walk";
import { confirm, conntrackIn, noteReply, storeEntry } from "./conntrack";
import { bindNat, isDstHook, manip } from "./nat";
import type { Hook, RejectWith, TableName } from "./types";

const TABLES_AT: Readonly<Record<Hook, readonly TableName[]>> = {
  PREROUTING: ["raw", "mangle", "nat"],
  INPUT: ["mangle", "filter", "nat"],
  FORWARD: ["mangle", "filter"],
  OUTPUT: ["raw", "mangle", "nat", "filter"],
  POSTROUTING: ["mangle", "nat"],
};

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
  const ctx = {
    host: w.host(hostName),
    bridged: devs.bridged ?? false,
    ...(devs.inDev ? { inDev: devs.inDev.name } : {}),
    ...(devs.outDev ? { outDev: devs.outDev.name } : {}),
    ...(devs.physIn !== undefined ? { physIn: devs.physIn } : {}),
    ...(devs.physOut !== undefined ? { physOut: devs.physOut } : {}),
  };
  for (const table of TABLES_AT[hook]) {
    if (table === "mangle" && active.conntrack && isDstHook(hook)) pkt = track(w, hostName, pkt);
    if (table === "nat") {
      if (!active.conntrack || !pkt.ct) continue;
      const r = natTable(w, hostName, hook, pkt, { ...ctx, ctState: pkt.ct.state }, devs);
      if (!r.ok) return r;
      pkt = r.pkt;
      continue;
    }
    const v = walkTable(w, hostName, table, hook, pkt, { ...ctx, ctState: pkt.ct?.state ?? "UNTRACKED" });
    if (v.kind === "drop") return { ok: false, pkt: v.pkt, detail: `iptables -t ${table}: ${v.rule !== undefined ? `rule ${v.rule} of ${v.chain}` : `policy of ${v.chain}`} drops it` };
    if (v.kind === "reject") return { ok: false, pkt: v.pkt, detail: `iptables -t ${table}: rule ${v.rule} of ${v.chain} rejects it (${v.with})`, reject: v.with };
    pkt = v.pkt;
  }
  if ((hook === "POSTROUTING" || hook === "INPUT") && pkt.ct && pkt.ct.host === hostName) pkt = packet({ ...pkt, ct: confirm(w, pkt.ct) });
  return { ok: true, pkt };
}

/** conntrack_in (after raw): find or start the connection; a reply updates the stored entry. */
function track(w: Walk, hostName: string, pkt: Packet): Packet {
  if (pkt.ct && pkt.ct.host === hostName) return pkt;
  let ref = conntrackIn(w, hostName, pkt);
  if (ref.confirmed && ref.dir === "reply" && ref.state === "ESTABLISHED") {
    const entry = noteReply(ref.entry, pkt);
    storeEntry(w, hostName, entry);
    ref = { ...ref, entry };
  }
  w.emit({ step: "ct", host: hostName, pkt, state: ref.state, dir: ref.dir, isNew: !ref.confirmed });
  return packet({ ...pkt, ct: ref });
}

function natTable(w: Walk, hostName: string, hook: Hook, pkt: Packet, ctx: Parameters<typeof walkTable>[5], devs: HookDevices): HookResult {
  let ref = pkt.ct!;
  if (ref.state === "INVALID") return { ok: true, pkt };
  if (ref.state === "NEW" && !ref.confirmed) {
    const v = walkTable(w, hostName, "nat", hook, pkt, ctx);
    if (v.kind === "drop") return { ok: false, pkt: v.pkt, detail: `iptables -t nat: ${v.rule !== undefined ? `rule ${v.rule} of ${v.chain}` : `policy of ${v.chain}`} drops it` };
    if (v.kind === "reject") return { ok: false, pkt: v.pkt, detail: `iptables -t nat: rule ${v.rule} of ${v.chain} rejects it`, reject: v.with };
    pkt = v.pkt;
    if (v.kind === "nat") {
      const bound = bindNat(w.host(hostName), ref, pkt, v.target, devs.outDev, devs.nexthop);
      if (!bound) return { ok: false, pkt, detail: `${v.target.kind}: ${devs.outDev?.name ?? "the device"} has no address to use` };
      ref = bound;
    }
  }
  return { ok: true, pkt: manip(w, hostName, hook, pkt, ref) };
}
