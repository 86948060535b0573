/** Connection tracking (nf_conntrack): tuples, lookup, new entries, states and confirmation. */
import { patchHost } from "../model/state";
import type { Walk } from "../walk/context";
import { ICMP, type CtRef, type Packet } from "../walk/packet";
import type { CtEntry, CtTuple, L4Proto } from "./types";

/** [CT1] Timeouts (s) as the kernel's defaults: TCP SYN_SENT 120, ESTABLISHED 432000, CLOSE 10; UDP 30 (120 once replied); ICMP 30. */
export const CT_TIMEOUT = { SYN_SENT: 120, ESTABLISHED: 432000, CLOSE: 10, udp: 30, udpStream: 120, icmp: 30 } as const;

/** The tuple of a packet: echo requests and replies carry the echo id in both port fields. */
export function tupleOf(p: Packet): CtTuple {
  const id = p.icmp?.id ?? 0;
  return p.proto === "icmp"
    ? { proto: "icmp", src: p.src, dst: p.dst, sport: id, dport: id }
    : { proto: p.proto as L4Proto, src: p.src, dst: p.dst, sport: p.sport ?? 0, dport: p.dport ?? 0 };
}

export const invert = (t: CtTuple): CtTuple => ({ proto: t.proto, src: t.dst, dst: t.src, sport: t.dport, dport: t.sport });
/** A tuple with some fields replaced, built without object spread. */
export const patchTuple = (t: CtTuple, c: Partial<CtTuple>): CtTuple => ({ proto: t.proto, src: c.src ?? t.src, dst: c.dst ?? t.dst, sport: c.sport ?? t.sport, dport: c.dport ?? t.dport });
export const sameTuple = (a: CtTuple, b: CtTuple): boolean => a.proto === b.proto && a.src === b.src && a.dst === b.dst && a.sport === b.sport && a.dport === b.dport;

export function isIcmpError(p: Packet): boolean {
  return p.proto === "icmp" && p.icmp !== undefined && (p.icmp.type === ICMP.DEST_UNREACH || p.icmp.type === ICMP.TIME_EXCEEDED);
}

/** The entry `t` belongs to, in either direction (which one: directionOf). */
function find(entries: readonly CtEntry[], t: CtTuple): CtEntry | undefined {
  for (const entry of entries) if (sameTuple(entry.original, t) || sameTuple(entry.reply, t)) return entry;
  return undefined;
}

/** The direction of `t` in its entry: original unless only the reply tuple is `t`, as find tests them. */
const directionOf = (entry: CtEntry, t: CtTuple): "original" | "reply" => (sameTuple(entry.original, t) ? "original" : "reply");

/**
 * [CT2] nf_conntrack_in: a packet of a known connection is ESTABLISHED once the connection has
 * seen a reply (and always in the reply direction), else NEW; an ICMP error about a known
 * connection is RELATED; a TCP packet that is not a SYN and belongs to nothing is INVALID;
 * anything else starts a new, unconfirmed entry (state NEW).
 */
export function conntrackIn(w: Walk, hostName: string, pkt: Packet): CtRef {
  if (pkt.ct && pkt.ct.host === hostName) return pkt.ct;
  const host = w.host(hostName);
  if (isIcmpError(pkt) && pkt.icmp?.inner) {
    // icmp_error_message: the quoted packet's tuple, inverted, names the connection and the error's direction.
    const about = invert(tupleOf(pkt.icmp.inner));
    const inner = find(host.conntrack, about);
    if (inner) return { host: hostName, entry: inner, confirmed: true, dir: directionOf(inner, about), state: "RELATED" };
  }
  // nf_conntrack_inet_error: an ICMP error about no known connection is not tracked (INVALID);
  // icmp_new: only echo requests start a connection, so a stray echo reply is INVALID too.
  const t = tupleOf(pkt);
  if (isIcmpError(pkt)) return { host: hostName, entry: newEntry(w, t), confirmed: true, dir: "original", state: "INVALID" };
  const found = find(host.conntrack, t);
  if (found) {
    const dir = directionOf(found, t);
    const state = dir === "reply" || found.replied ? "ESTABLISHED" : "NEW";
    return { host: hostName, entry: found, confirmed: true, dir, state };
  }
  if ((pkt.proto === "tcp" && pkt.tcp !== "SYN") || (pkt.proto === "icmp" && pkt.icmp?.type !== ICMP.ECHO_REQUEST)) {
    return { host: hostName, entry: newEntry(w, t), confirmed: true, dir: "original", state: "INVALID" };
  }
  return { host: hostName, entry: newEntry(w, t), confirmed: false, dir: "original", state: "NEW" };
}

/**
 * Every entry is built here or by patchCtEntry, with all its fields in one order (tcpState
 * undefined for UDP and ICMP), so the walk sees one object shape.
 */
function newEntry(w: Walk, t: CtTuple): CtEntry {
  const tcp = t.proto === "tcp";
  return {
    original: t,
    reply: invert(t),
    tcpState: tcp ? "SYN_SENT" : undefined,
    replied: false,
    assured: false,
    mark: 0,
    created: w.now,
    timeout: tcp ? CT_TIMEOUT.SYN_SENT : t.proto === "udp" ? CT_TIMEOUT.udp : CT_TIMEOUT.icmp,
    snat: false,
    dnat: false,
  };
}

/** A copy of `e` with some fields replaced (never by undefined), built without object spread. */
export function patchCtEntry(e: CtEntry, c: Partial<CtEntry>): CtEntry {
  return {
    original: c.original ?? e.original,
    reply: c.reply ?? e.reply,
    tcpState: c.tcpState ?? e.tcpState,
    replied: c.replied ?? e.replied,
    assured: c.assured ?? e.assured,
    mark: c.mark ?? e.mark,
    created: c.created ?? e.created,
    timeout: c.timeout ?? e.timeout,
    snat: c.snat ?? e.snat,
    dnat: c.dnat ?? e.dnat,
  };
}

/** A packet's link to its connection, with some fields replaced, built without object spread. */
export function patchCtRef(r: CtRef, c: Partial<CtRef>): CtRef {
  return { host: r.host, entry: c.entry ?? r.entry, confirmed: c.confirmed ?? r.confirmed, dir: c.dir ?? r.dir, state: c.state ?? r.state };
}

/** [CT3] A reply marks the connection seen both ways (ESTABLISHED, ASSURED); a TCP RST closes it. */
export function noteReply(entry: CtEntry, pkt: Packet): CtEntry {
  const tcp = entry.original.proto === "tcp";
  const rst = pkt.tcp === "RST";
  return patchCtEntry(entry, {
    replied: true,
    assured: !rst,
    tcpState: tcp ? (rst ? "CLOSE" : "ESTABLISHED") : undefined,
    timeout: tcp ? (rst ? CT_TIMEOUT.CLOSE : CT_TIMEOUT.ESTABLISHED) : entry.original.proto === "udp" ? CT_TIMEOUT.udpStream : CT_TIMEOUT.icmp,
  });
}

/** Write an entry (new or changed) into the host's table, keyed by its original tuple. */
export function storeEntry(w: Walk, hostName: string, entry: CtEntry): void {
  const host = w.host(hostName);
  const conntrack: CtEntry[] = [];
  for (const e of host.conntrack) if (!sameTuple(e.original, entry.original)) conntrack.push(e);
  conntrack.push(entry);
  w.setHost(patchHost(host, { conntrack }));
}

/** [CT4] nf_conntrack_confirm at the end of POSTROUTING or INPUT: only now does a new entry enter the table; a packet dropped earlier leaves none. */
export function confirm(w: Walk, ref: CtRef): CtRef {
  if (ref.state === "INVALID" || ref.state === "RELATED" || ref.confirmed) return ref;
  storeEntry(w, ref.host, ref.entry);
  return patchCtRef(ref, { confirmed: true });
}
