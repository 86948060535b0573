/** NAT (nf_nat): binding a new connection at its first hook, then rewriting every packet of it. */
import { selectSource } from "../net/source";
import type { Link } from "../model/types";
import type { Walk } from "../walk/context";
import { patchPacket, withConntrack, type CtRef, type Packet } from "../walk/packet";
import type { CtEntry, CtTuple, Hook, Target } from "./types";
import { invert, patchCtEntry, patchCtRef, patchTuple, sameTuple, tupleOf } from "./conntrack";

export const isDstHook = (hook: Hook): boolean => hook === "PREROUTING" || hook === "OUTPUT";

/**
 * [NAT1] The nat table sees only the first packet of a connection: DNAT at PREROUTING/OUTPUT,
 * SNAT and MASQUERADE at POSTROUTING/INPUT. The binding goes into the conntrack entry's reply
 * tuple. MASQUERADE takes the outgoing device's address (inet_select_addr). PodPath keeps the
 * source port where the kernel would keep it; with --random-fully the kernel would pick one at
 * random, which no outcome shows.
 */
export function bindNat(host: Parameters<typeof selectSource>[0], ref: CtRef, pkt: Packet, t: Extract<Target, { kind: "DNAT" | "SNAT" | "MASQUERADE" }>, outDev: Link | undefined, nexthop: number | undefined): CtRef | undefined {
  const cur = tupleOf(pkt);
  let next: CtTuple;
  if (t.kind === "DNAT") {
    next = patchTuple(cur, { dst: t.to.from, dport: pkt.proto === "icmp" ? undefined : t.to.ports?.from });
  } else {
    const src = t.kind === "SNAT" ? (t.to.from ?? cur.src) : outDev ? selectSource(host, outDev.ifindex, nexthop, "global") : undefined;
    if (src === undefined) return undefined;
    const port = t.kind === "SNAT" ? t.to.ports?.from : t.toPorts?.from;
    next = patchTuple(cur, { src, sport: pkt.proto === "icmp" ? undefined : port });
  }
  // The packet already carries this host's earlier rewrite (DNAT before SNAT), so `next` is the whole post-NAT tuple.
  const entry = patchCtEntry(ref.entry, { reply: invert(next), dnat: ref.entry.dnat || t.kind === "DNAT", snat: ref.entry.snat || t.kind !== "DNAT" });
  return patchCtRef(ref, { entry });
}

/**
 * [NAT4] get_unique_tuple: at the source-NAT step (an explicit SNAT/MASQUERADE or the null
 * binding every new connection gets), a tuple another connection already uses has its source
 * port moved to the next free one, so replies still find the right connection.
 */
export function uniqueSource(entries: readonly CtEntry[], ref: CtRef): CtRef {
  const post = invert(ref.entry.reply);
  if (post.proto === "icmp") return ref;
  if (!replyTaken(entries, ref.entry, ref.entry.reply)) return ref;
  for (let port = post.sport + 1; port <= 65535; port++) {
    const reply = invert(patchTuple(post, { sport: port }));
    if (!replyTaken(entries, ref.entry, reply)) return patchCtRef(ref, { entry: patchCtEntry(ref.entry, { reply, snat: true }) });
  }
  return ref;
}

/** nf_nat_used_tuple: does another connection already own `reply` as its original or reply tuple? */
function replyTaken(entries: readonly CtEntry[], self: CtEntry, reply: CtTuple): boolean {
  for (const e of entries) {
    if (e !== self && !sameTuple(e.original, self.original) && (sameTuple(e.original, reply) || sameTuple(e.reply, reply))) return true;
  }
  return false;
}

/**
 * [NAT2] Every packet of a tracked connection is rewritten from the entry: at PREROUTING/OUTPUT
 * the destination (DNAT, or un-SNAT for replies), at POSTROUTING/INPUT the source (SNAT, or
 * un-DNAT for replies). [NAT3] An ICMP error about a NATed connection (RELATED) has its outer
 * destination and its quoted packet translated back too, so the sender's socket recognises it.
 */
export function manip(w: Walk, hostName: string, hook: Hook, pkt: Packet, ref: CtRef): Packet {
  // The packet should look like this tuple inverted: from its dst:dport, to its src:sport.
  const mirror = ref.dir === "original" ? ref.entry.reply : ref.entry.original;
  const dst = isDstHook(hook);
  let out = pkt;
  if (ref.state === "RELATED" && pkt.icmp?.inner) {
    const inner = pkt.icmp.inner;
    const innerWant = ref.dir === "reply" ? ref.entry.original : ref.entry.reply;
    if (dst) {
      const ports = inner.proto !== "icmp";
      const fixedInner = patchPacket(inner, { src: innerWant.src, dst: innerWant.dst, sport: ports ? innerWant.sport : undefined, dport: ports ? innerWant.dport : undefined });
      out = patchPacket(pkt, { dst: mirror.src, icmp: { ...pkt.icmp, inner: fixedInner } });
    } else if (pkt.src === (ref.dir === "reply" ? ref.entry.reply.src : ref.entry.original.src)) {
      out = patchPacket(pkt, { src: mirror.dst });
    }
  } else if (dst) {
    if (pkt.dst !== mirror.src || (pkt.proto !== "icmp" && pkt.dport !== mirror.sport)) out = patchPacket(pkt, { dst: mirror.src, dport: pkt.proto === "icmp" ? undefined : mirror.sport });
  } else if (pkt.src !== mirror.dst || (pkt.proto !== "icmp" && pkt.sport !== mirror.dport)) {
    out = patchPacket(pkt, { src: mirror.dst, sport: pkt.proto === "icmp" ? undefined : mirror.dport });
  }
  if (out !== pkt) {
    const kind = ref.dir === "original" ? (dst ? "DNAT" : "SNAT") : dst ? "un-SNAT" : "un-DNAT";
    w.emit({ step: "nat", host: hostName, hook, kind, before: pkt, after: out });
  }
  return out.ct === ref ? out : withConntrack(out, ref);
}
