/** One table at one hook: ipt_do_table's walk through built-in and user chains. */
import type { Walk } from "../walk/context";
import { patchPacket, wireSize, type Packet } from "../walk/packet";
import { countPacket, nthKey, policyKey } from "./counters";
import { ruleMatches, type MatchContext } from "./match";
import type { Chain, Hook, Match, RejectWith, TableName, Target } from "./types";
import { chainRuleKey, dstRuns, jumpTargets, tableIndex } from "./chain-index";

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
export function walkTable(w: Walk, hostName: string, table: TableName, hook: Hook, pkt0: Packet, ctx: Omit<MatchContext, "mark">): TableVerdict {
  const host = w.host(hostName);
  const index = tableIndex(host.netfilter[table].chains);
  const counters = w.nfCounters(hostName);
  const bytes = wireSize(pkt0);
  let pkt = pkt0;
  let chain = index.byName.get(hook);
  if (!chain) return { kind: "accept", pkt };
  const builtin = chain;
  const stack: { chain: Chain; next: number }[] = [];
  let i = 0;
  let evaluated = 0;
  let jumps = 0;
  const emit = (c: Chain, rule: number | undefined, target: string): void =>
    w.emit({ step: "nf", host: hostName, hook, table, chain: c.name, rule, target, evaluated, pkt });
  // One context and one chooser for the whole walk; they read the current chain and rule from here.
  const withMark = (mark: number): MatchContext => ({ host: ctx.host, inDev: ctx.inDev, outDev: ctx.outDev, physIn: ctx.physIn, physOut: ctx.physOut, bridged: ctx.bridged, ctState: ctx.ctState, ctSnat: ctx.ctSnat, ctDnat: ctx.ctDnat, mark });
  let mctx: MatchContext = withMark(pkt.mark ?? 0);
  let ruleIndex = 0;
  const choose = (m: Match, mi: number): boolean => {
    if (m.kind !== "statistic") return true;
    const c = chain!;
    if (m.mode === "random") {
      // [LB3] iptables stores lround(p * 2^31) and the kernel compares a random 31-bit number with it.
      const p = Math.round(m.probability * 0x80000000) / 0x80000000;
      return p >= 1 ? true : p <= 0 ? false : w.choose(p);
    }
    const nth = w.nfNth(hostName);
    const key = nthKey(table, c.name, ruleIndex, mi);
    const every = m.every - 1;
    const before = nth[key] ?? m.count;
    const after = before >= every ? 0 : before + 1;
    nth[key] = after;
    return after === 0;
  };
  // What the walk knows of the chain it is in: its runs by destination and where its rules jump.
  let runs = dstRuns(chain.rules);
  let targets = jumpTargets(index, chain);
  let knownChain = chain;
  for (;;) {
    if (knownChain !== chain) {
      runs = dstRuns(chain.rules);
      targets = jumpTargets(index, chain);
      knownChain = chain;
    }
    if (i >= chain.rules.length) {
      const top = stack.pop();
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
      if (evaluated > 0 || policy !== "ACCEPT") emit(builtin, undefined, `policy ${policy}`);
      return policy === "DROP" ? { kind: "drop", pkt, chain: builtin.name } : { kind: "accept", pkt };
    }
    const run = runs[i];
    if (run) {
      // Only rules for this destination can match here; the kernel would still test the others.
      const next = run.byDst.get(pkt.dst)?.find((k) => k >= i) ?? run.end;
      evaluated += next - i;
      i = next;
      if (i === run.end) continue;
      evaluated--;
    }
    const rule = chain.rules[i]!;
    evaluated++;
    ruleIndex = i;
    if (!ruleMatches(rule, pkt, mctx, choose)) {
      i++;
      continue;
    }
    countPacket(counters, chainRuleKey(index, table, chain, i), bytes);
    const t = rule.target;
    const num = i + 1;
    if (!t) {
      i++;
      continue;
    }
    switch (t.kind) {
      case "ACCEPT":
        emit(chain, num, "ACCEPT");
        return { kind: "accept", pkt };
      case "DROP":
        emit(chain, num, "DROP");
        return { kind: "drop", pkt, chain: chain.name, rule: num };
      case "REJECT":
        emit(chain, num, `REJECT --reject-with ${t.with}`);
        return { kind: "reject", pkt, with: t.with, chain: chain.name, rule: num };
      case "DNAT":
      case "SNAT":
      case "MASQUERADE":
        emit(chain, num, t.kind);
        return { kind: "nat", pkt, target: t, chain: chain.name, rule: num };
      case "RETURN": {
        emit(chain, num, "RETURN");
        const top = stack.pop();
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
        emit(chain, num, `LOG${t.prefix !== undefined ? ` --log-prefix "${t.prefix}"` : ""}`);
        i++;
        continue;
      case "MARK":
        pkt = patchPacket(pkt, { mark: (((pkt.mark ?? 0) & ~t.mask) ^ t.value) >>> 0 });
        mctx = withMark(pkt.mark ?? 0);
        emit(chain, num, `MARK --set-xmark 0x${t.value.toString(16)}/0x${t.mask.toString(16)}`);
        i++;
        continue;
      case "jump":
      case "goto": {
        const next = targets[i];
        if (!next || (t.kind === "jump" && stack.length >= MAX_DEPTH) || ++jumps > MAX_STEPS) {
          i++;
          continue;
        }
        emit(chain, num, t.kind === "goto" ? `goto ${t.chain}` : t.chain);
        if (t.kind === "jump") stack.push({ chain, next: i + 1 });
        chain = next;
        i = 0;
        continue;
      }
    }
  }
}
