/** One table at one hook: ipt_do_table's walk through built-in and user chains. */
import type { Walk } from "../walk/context";
import { patchPacket, wireSize, type Packet } from "../walk/packet";
import { countPacket, policyKey } from "./counters";
import { ruleMatches, type MatchContext } from "./match";
import type { StatisticSite } from "./statistic";
import type { Chain, Hook, RejectWith, TableName, Target } from "./types";
import { chainRuleKey, chainWalkInfo, tableIndex } from "./chain-index";

export type TableVerdict =
  | { readonly kind: "accept"; readonly pkt: Packet }
  | { readonly kind: "drop"; readonly pkt: Packet; readonly chain: string; readonly rule?: number }
  | { readonly kind: "reject"; readonly pkt: Packet; readonly with: RejectWith; readonly chain: string; readonly rule: number }
  | { readonly kind: "nat"; readonly pkt: Packet; readonly target: Extract<Target, { kind: "DNAT" | "SNAT" | "MASQUERADE" }>; readonly chain: string; readonly rule: number };

/** Nesting limit for jumps (iptables refuses deeper rulesets); a total budget ends any goto loop. */
const MAX_DEPTH = 16;
const MAX_STEPS = 1_000_000;

/**
 * [NF5] Rules run in order; a matching rule's target decides: ACCEPT, DROP, REJECT and the NAT
 * targets end the table; a jump enters a user chain and RETURN (or its end) comes back; -g
 * (goto) does not come back; LOG and MARK go on; the end of a built-in chain applies its
 * policy. Counters count every packet a rule matched.
 */
export function walkTable(w: Walk, hostName: string, table: TableName, hook: Hook, pkt0: Packet, ctx: MatchContext): TableVerdict {
  const host = w.host(hostName);
  const index = tableIndex(host.netfilter[table].chains);
  const counters = w.nfCounters(hostName);
  const bytes = wireSize(pkt0);
  let pkt = pkt0;
  let chain = index.byName.get(hook);
  if (!chain) return { kind: "accept", pkt };
  const builtin = chain;
  // Allocated on the first jump: most walks stay in their built-in chain.
  let stack: { chain: Chain; next: number }[] | undefined;
  let i = 0;
  let evaluated = 0;
  let jumps = 0;
  // One context and one statistic site for the whole walk, updated as the mark and the rule change.
  let mctx = (pkt.mark ?? 0) === ctx.mark ? ctx : withMark(ctx, pkt.mark ?? 0);
  const site: StatisticSite = { w, hostName, table, chain: chain.name, rule: 0 };
  // What the walk knows of the chain it is in: its runs by destination, where its rules jump, its counter keys.
  let info = chainWalkInfo(index, table, chain);
  let runs = info.runs;
  let targets = info.targets;
  let knownChain = chain;
  for (;;) {
    if (knownChain !== chain) {
      info = chainWalkInfo(index, table, chain);
      runs = info.runs;
      targets = info.targets;
      knownChain = chain;
    }
    if (i >= chain.rules.length) {
      const top = stack?.pop();
      if (top) {
        chain = top.chain;
        i = top.next;
        continue;
      }
      const policy = builtin.policy ?? "ACCEPT";
      // [NF10] iptables-nft counts policy packets only on a chain whose policy was set with -P;
      // PodPath counts them for a DROP policy (which -P set) and leaves ACCEPT chains at 0.
      if (policy !== "ACCEPT") countPacket(counters, policyKey(table, builtin.name), bytes);
      // An empty built-in chain that accepts says nothing worth a trace line.
      if (evaluated > 0 || policy !== "ACCEPT") emitNf(w, hostName, hook, table, builtin, undefined, POLICY_TARGET[policy], evaluated, pkt);
      return policy === "DROP" ? { kind: "drop", pkt, chain: builtin.name } : { kind: "accept", pkt };
    }
    const run = runs[i];
    if (run) {
      // Only rules for this destination can match here; the kernel would still test the others.
      const next = firstFrom(run.byDst.get(pkt.dst), i) ?? run.end;
      evaluated += next - i;
      i = next;
      if (i === run.end) continue;
      evaluated--;
    }
    const rule = chain.rules[i]!;
    evaluated++;
    site.chain = chain.name;
    site.rule = i;
    if (!ruleMatches(rule, pkt, mctx, site)) {
      i++;
      continue;
    }
    countPacket(counters, chainRuleKey(info, chain, i), bytes);
    const t = rule.target;
    const num = i + 1;
    if (!t) {
      i++;
      continue;
    }
    switch (t.kind) {
      case "ACCEPT":
        emitNf(w, hostName, hook, table, chain, num, "ACCEPT", evaluated, pkt);
        return { kind: "accept", pkt };
      case "DROP":
        emitNf(w, hostName, hook, table, chain, num, "DROP", evaluated, pkt);
        return { kind: "drop", pkt, chain: chain.name, rule: num };
      case "REJECT":
        emitNf(w, hostName, hook, table, chain, num, `REJECT --reject-with ${t.with}`, evaluated, pkt);
        return { kind: "reject", pkt, with: t.with, chain: chain.name, rule: num };
      case "DNAT":
      case "SNAT":
      case "MASQUERADE":
        emitNf(w, hostName, hook, table, chain, num, t.kind, evaluated, pkt);
        return { kind: "nat", pkt, target: t, chain: chain.name, rule: num };
      case "RETURN": {
        emitNf(w, hostName, hook, table, chain, num, "RETURN", evaluated, pkt);
        const top = stack?.pop();
        if (!top) {
          // RETURN in a built-in chain: the policy decides.
          chain = builtin;
          i = builtin.rules.length;
          continue;
        }
        chain = top.chain;
        i = top.next;
        continue;
      }
      case "LOG":
        emitNf(w, hostName, hook, table, chain, num, `LOG${t.prefix !== undefined ? ` --log-prefix "${t.prefix}"` : ""}`, evaluated, pkt);
        i++;
        continue;
      case "MARK":
        pkt = patchPacket(pkt, { mark: (((pkt.mark ?? 0) & ~t.mask) ^ t.value) >>> 0 });
        mctx = withMark(ctx, pkt.mark ?? 0);
        emitNf(w, hostName, hook, table, chain, num, `MARK --set-xmark 0x${t.value.toString(16)}/0x${t.mask.toString(16)}`, evaluated, pkt);
        i++;
        continue;
      case "jump":
      case "goto": {
        const next = targets[i];
        if (!next || (t.kind === "jump" && stack !== undefined && stack.length >= MAX_DEPTH) || ++jumps > MAX_STEPS) {
          i++;
          continue;
        }
        emitNf(w, hostName, hook, table, chain, num, t.kind === "goto" ? `goto ${t.chain}` : t.chain, evaluated, pkt);
        if (t.kind === "jump") (stack ??= []).push({ chain, next: i + 1 });
        chain = next;
        i = 0;
        continue;
      }
    }
  }
}

/** The first rule index at or after `i` (a plain loop: a closure here would put the walk's `i` in a heap context). */
function firstFrom(indices: readonly number[] | undefined, i: number): number | undefined {
  if (indices) for (const k of indices) if (k >= i) return k;
  return undefined;
}

const POLICY_TARGET: Readonly<Record<"ACCEPT" | "DROP", string>> = { ACCEPT: "policy ACCEPT", DROP: "policy DROP" };

/** The trace line for a rule whose target fired (or the policy, without a rule number). */
function emitNf(w: Walk, hostName: string, hook: Hook, table: TableName, c: Chain, rule: number | undefined, target: string, evaluated: number, pkt: Packet): void {
  w.emit({ step: "nf", host: hostName, hook, table, chain: c.name, rule, target, evaluated, pkt });
}

/** The match context with another mark (after a MARK target, or a mark set in an earlier table). */
function withMark(ctx: MatchContext, mark: number): MatchContext {
  return { host: ctx.host, inDev: ctx.inDev, outDev: ctx.outDev, physIn: ctx.physIn, physOut: ctx.physOut, bridged: ctx.bridged, ctState: ctx.ctState, ctSnat: ctx.ctSnat, ctDnat: ctx.ctDnat, mark };
}
