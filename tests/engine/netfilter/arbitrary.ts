/**
 * fast-check generators of valid rulesets, built from the types in engine/netfilter/types.ts
 * in the normal form the iptables parser produces (masked addresses, canonical state order,
 * the kernel's probability steps), placed only where nf_tables accepts them ([IPT6]).
 */
import fc from "fast-check";
import type { AddrPrefix, Chain, CtState, Hook, Match, NatRange, Negatable, Netfilter, PortRange, Rule, Table, TableName, Target } from "../../../engine/netfilter/types";
import { TABLE_HOOKS } from "../../../engine/netfilter/types";

const neg = <T>(value: fc.Arbitrary<T>): fc.Arbitrary<Negatable<T>> => fc.record({ value, negate: fc.boolean() });
const opt = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });

const prefix: fc.Arbitrary<AddrPrefix> = fc.tuple(fc.nat({ max: 0xffffffff }), fc.integer({ min: 1, max: 32 })).map(([a, len]) => ({ address: (a & ((0xffffffff << (32 - len)) >>> 0)) >>> 0, prefixLen: len }));
const port = fc.integer({ min: 0, max: 65535 });
const range: fc.Arbitrary<PortRange> = fc.tuple(port, port).map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) }));
const portMatch = neg(range).filter((p) => p.negate || p.value.from !== 0 || p.value.to !== 65535);
const iface = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9.-]{0,10}$/), fc.boolean()).map(([name, wildcard]) => ({ name, wildcard }));
const printable = fc.string({ unit: fc.constantFrom(..."ab Z09_-/:;.,'\"\\#$()|&é→\t"), maxLength: 40 });
const STATES: readonly CtState[] = ["INVALID", "NEW", "RELATED", "ESTABLISHED", "UNTRACKED", "SNAT", "DNAT"];
const states = (allowed: readonly CtState[]): fc.Arbitrary<readonly CtState[]> => fc.subarray([...allowed], { minLength: 1 });
const u32 = fc.nat({ max: 0xffffffff });

function matchFor(proto: "tcp" | "udp" | "icmp" | undefined): fc.Arbitrary<Match> {
  const any: fc.Arbitrary<Match>[] = [
    printable.map((text) => ({ kind: "comment", text })),
    neg(states(STATES)).map((ctstate) => ({ kind: "conntrack", ctstate })),
    neg(states(STATES.slice(0, 5))).map((state) => ({ kind: "state", state })),
    neg(fc.record({ value: u32, mask: u32 })).map((mark) => ({ kind: "mark", mark })),
    fc.record({ srcType: opt(neg(fc.constantFrom("UNICAST", "LOCAL", "BROADCAST", "MULTICAST", "BLACKHOLE"))), dstType: neg(fc.constantFrom("LOCAL", "UNICAST", "ANYCAST", "UNSPEC", "PROHIBIT", "UNREACHABLE")) }).map((m) => ({ kind: "addrtype", ...(m.srcType ? { srcType: m.srcType } : {}), dstType: m.dstType }) as Match),
    fc.record({ physdevIn: opt(neg(iface)), isIn: opt(neg(fc.constant(true as const))), isBridged: fc.constant({ value: true as const, negate: false }), physdevOut: opt(neg(iface)) }).map((m) => ({ kind: "physdev", ...Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)) }) as Match),
    fc.integer({ min: 0, max: 0x80000000 }).map((k) => ({ kind: "statistic", mode: "random", probability: k / 0x80000000 })),
    fc.integer({ min: 1, max: 20 }).chain((every) => fc.integer({ min: 0, max: every - 1 }).map((packet) => ({ kind: "statistic", mode: "nth", every, packet, count: every - 1 - packet }) as Match)),
  ];
  if (proto === "tcp" || proto === "udp") {
    any.push(fc.record({ sport: opt(portMatch), dport: opt(portMatch) }).map((p) => ({ kind: proto, ...(p.sport ? { sport: p.sport } : {}), ...(p.dport ? { dport: p.dport } : {}) })));
    const list = fc.array(fc.oneof(port.map((p) => ({ from: p, to: p })), range.filter((r) => r.from < r.to)), { minLength: 1, maxLength: 7 });
    any.push(fc.record({ which: fc.constantFrom("sports", "dports", "ports"), ports: neg(list) }).map((m) => ({ kind: "multiport", ...m }) as Match));
  }
  if (proto === "icmp") any.push(neg(fc.record({ type: fc.integer({ min: 0, max: 255 }), code: opt(fc.integer({ min: 0, max: 255 })) })).map((t) => ({ kind: "icmp", icmpType: { negate: t.negate, value: t.value.code === undefined ? { type: t.value.type } : t.value } })));
  return fc.oneof(...any);
}

const natRange = (ports: boolean): fc.Arbitrary<NatRange> =>
  fc.record({ from: opt(u32), to: u32, ports: ports ? opt(range) : fc.constant(undefined) })
    .filter((r) => r.from !== undefined || r.ports !== undefined)
    .map((r) => ({ ...(r.from !== undefined ? { from: r.from, to: r.to } : {}), ...(r.ports ? { ports: r.ports } : {}) }));

/** Targets nf_tables accepts in this table and hook (undefined hook: a user chain, checked by its callers' hooks). */
function targetFor(table: TableName, hook: Hook | undefined, proto: Negatable<"tcp" | "udp" | "icmp"> | undefined, jumps: readonly string[]): fc.Arbitrary<Target | undefined> {
  const ports = proto?.value === "tcp" || proto?.value === "udp";
  const t: fc.Arbitrary<Target | undefined>[] = [
    fc.constant(undefined),
    fc.constantFrom(...(table === "nat" ? (["ACCEPT", "RETURN"] as const) : (["ACCEPT", "DROP", "RETURN"] as const))).map((kind) => ({ kind })),
    fc.record({ prefix: opt(fc.stringMatching(/^[A-Za-z0-9 :_-]{1,29}$/)), level: opt(fc.constantFrom(0, 1, 2, 3, 5, 6, 7)) }).map((l) => ({ kind: "LOG", ...(l.prefix !== undefined ? { prefix: l.prefix } : {}), ...(l.level !== undefined ? { level: l.level } : {}) })),
    fc.record({ value: u32, mask: u32 }).map((m) => ({ kind: "MARK", ...m })),
  ];
  if (jumps.length > 0) t.push(fc.record({ kind: fc.constantFrom("jump" as const, "goto" as const), chain: fc.constantFrom(...jumps) }));
  if (table === "filter" && hook !== undefined && ["INPUT", "FORWARD", "OUTPUT"].includes(hook)) {
    const kinds = proto?.value === "tcp" && !proto.negate ? (["icmp-net-unreachable", "icmp-port-unreachable", "icmp-admin-prohibited", "tcp-reset"] as const) : (["icmp-host-unreachable", "icmp-port-unreachable", "icmp-net-prohibited"] as const);
    t.push(fc.constantFrom(...kinds).map((w) => ({ kind: "REJECT", with: w })));
  }
  if (table === "nat" && (hook === "PREROUTING" || hook === "OUTPUT")) t.push(fc.record({ to: natRange(ports), random: fc.boolean(), persistent: fc.boolean() }).map((d) => ({ kind: "DNAT", to: d.to, ...(d.random ? { random: true } : {}), ...(d.persistent ? { persistent: true } : {}) })));
  if (table === "nat" && (hook === "POSTROUTING" || hook === "INPUT")) t.push(fc.record({ to: natRange(ports), random: fc.boolean(), randomFully: fc.boolean() }).map((d) => ({ kind: "SNAT", to: d.to, ...(d.random ? { random: true } : {}), ...(d.randomFully ? { randomFully: true } : {}) })));
  if (table === "nat" && hook === "POSTROUTING") t.push(fc.record({ toPorts: ports ? opt(range) : fc.constant(undefined), randomFully: fc.boolean() }).map((m) => ({ kind: "MASQUERADE", ...(m.toPorts ? { toPorts: m.toPorts } : {}), ...(m.randomFully ? { randomFully: true } : {}) })));
  return fc.oneof(...t);
}

function ruleFor(table: TableName, chain: string, hook: Hook | undefined, jumps: readonly string[]): fc.Arbitrary<Rule> {
  const inOk = hook !== "OUTPUT" && hook !== "POSTROUTING";
  const outOk = hook !== "INPUT" && hook !== "PREROUTING";
  return fc.option(neg(fc.constantFrom("tcp" as const, "udp" as const, "icmp" as const)), { nil: undefined }).chain((proto) => {
    const plain = proto && !proto.negate ? proto.value : undefined;
    return fc.record({
      src: opt(neg(prefix)),
      dst: opt(neg(prefix)),
      inIface: inOk ? opt(neg(iface)) : fc.constant(undefined),
      outIface: outOk ? opt(neg(iface)) : fc.constant(undefined),
      // iptables-nft prints all port-bearing tcp/udp matches of a rule as one ([IPT10]): generate at most one.
      matches: fc.array(matchFor(plain), { maxLength: 3 }).filter((ms) => ms.filter((m) => (m.kind === "tcp" || m.kind === "udp") && (m.sport || m.dport)).length <= 1),
      target: targetFor(table, hook, proto, jumps),
      counters: fc.record({ packets: fc.nat(), bytes: fc.nat() }),
    }).map((r) => {
      const rule: Rule = {
        ...(r.src ? { src: r.src } : {}),
        ...(r.dst ? { dst: r.dst } : {}),
        ...(r.inIface ? { inIface: r.inIface } : {}),
        ...(r.outIface ? { outIface: r.outIface } : {}),
        ...(proto ? { proto } : {}),
        matches: r.matches,
        ...(r.target ? { target: r.target } : {}),
        counters: r.counters,
      };
      void chain;
      return rule;
    });
  });
}

const chainName = fc.stringMatching(/^[A-Z][A-Z0-9_-]{0,12}$/).filter((n) => !["ACCEPT", "DROP", "RETURN", "QUEUE", "LOG", "MARK", "DNAT", "SNAT", "CT", "TEE", "TOS", "TTL", "HL", "SET", "LED"].includes(n));

function tableArb(name: TableName): fc.Arbitrary<Table> {
  return fc.uniqueArray(chainName, { maxLength: 4 }).chain((users) => {
    // User chains jump only to later user chains (no loops) and hold no hook-bound targets.
    const userChains = users.map((u, i) => fc.array(ruleFor(name, u, undefined, users.slice(i + 1)), { maxLength: 3 }).map((rules): Chain => ({ name: u, counters: { packets: 0, bytes: 0 }, rules })));
    const builtins = TABLE_HOOKS[name].map((hook) =>
      fc.record({ policy: name === "nat" ? fc.constant("ACCEPT" as const) : fc.constantFrom("ACCEPT" as const, "DROP" as const), counters: fc.record({ packets: fc.nat(), bytes: fc.nat() }), rules: fc.array(ruleFor(name, hook, hook, users), { maxLength: 4 }) }).map((c): Chain => ({ name: hook, ...c })),
    );
    return fc.tuple(fc.tuple(...builtins), fc.tuple(...userChains)).map(([b, u]): Table => ({ chains: [...b, ...u], created: true }));
  });
}

export const netfilterArb: fc.Arbitrary<Netfilter> = fc.record({ raw: tableArb("raw"), mangle: tableArb("mangle"), nat: tableArb("nat"), filter: tableArb("filter") });
