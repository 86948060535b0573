/**
 * What nf_tables checks when a rule goes in ([IPT6]): at once, an xt target's table (REJECT
 * only in filter, the NAT targets only in nat), a protocol match without its protocol, and a
 * jump to a base chain; then, for every chain reachable from a base chain, each target and
 * match against the hooks that reach it (nft_chain_validate), loops and jumps deeper than 16.
 */
import { ERRNO } from "./ipt-errors";
import { isBuiltin } from "./ipt-table";
import { jumpTargets, tableIndex, type TableIndex } from "./chain-index";
import type { Chain, Hook, Rule, Table, TableName } from "./types";

export interface Invalid {
  readonly chain: string;
  readonly errno: string;
}

/** NFT_JUMP_STACK_SIZE */
const MAX_DEPTH = 16;

/** Checks that do not depend on the hook (xt_check_target/xt_check_match at rule creation). */
export function ruleProblem(rule: Rule, table: TableName, isBuiltinChain: (name: string) => boolean): string | undefined {
  const tg = rule.target;
  const proto = rule.proto && !rule.proto.negate ? rule.proto.value : undefined;
  // "! -s 0.0.0.0/0" would match nothing: the kernel refuses it.
  if ((rule.src?.negate && rule.src.value.prefixLen === 0) || (rule.dst?.negate && rule.dst.value.prefixLen === 0)) return ERRNO.EINVAL;
  if (tg?.kind === "REJECT" && (table !== "filter" || (tg.with === "tcp-reset" && proto !== "tcp"))) return ERRNO.EINVAL;
  if ((tg?.kind === "DNAT" || tg?.kind === "SNAT" || tg?.kind === "MASQUERADE") && table !== "nat") return ERRNO.EINVAL;
  for (const m of rule.matches) {
    const bare = (m.kind === "tcp" || m.kind === "udp") && !m.sport && !m.dport;
    if ((bare && proto !== m.kind) || (m.kind === "icmp" && proto !== "icmp")) return ERRNO.EINVAL;
  }
  if ((tg?.kind === "jump" || tg?.kind === "goto") && isBuiltinChain(tg.chain)) return ERRNO.EOPNOTSUPP;
  return undefined;
}

const TARGET_HOOKS: Partial<Record<string, readonly Hook[]>> = {
  REJECT: ["INPUT", "FORWARD", "OUTPUT"],
  DNAT: ["PREROUTING", "OUTPUT"],
  SNAT: ["POSTROUTING", "INPUT"],
  MASQUERADE: ["POSTROUTING"],
};

function hookProblem(rule: Rule, hook: Hook): boolean {
  const allowed = rule.target ? TARGET_HOOKS[rule.target.kind] : undefined;
  if (allowed && !allowed.includes(hook)) return true;
  for (const m of rule.matches) {
    if (m.kind === "addrtype") {
      if (m.limitIfaceIn && !["PREROUTING", "INPUT", "FORWARD"].includes(hook)) return true;
      if (m.limitIfaceOut && !["OUTPUT", "FORWARD", "POSTROUTING"].includes(hook)) return true;
    }
    if (m.kind === "physdev" && (m.physdevOut || m.isOut) && (!m.isBridged || m.isBridged.negate) && hook === "OUTPUT") return true;
  }
  return false;
}

/** The first problem found walking from each base chain, or undefined when the table is valid. */
export function validateTable(t: Table): Invalid | undefined {
  const index = tableIndex(t.chains);
  for (const c of t.chains) {
    if (!isBuiltin(c)) continue;
    const bad = validateFrom(index, c);
    if (bad) return bad;
  }
  return undefined;
}

/**
 * nft_chain_validate from one base chain. A chain found valid at some depth is valid at any
 * lesser depth, whatever the path that led to it (a loop through a path's chain would run
 * through the chain itself), so it is walked again only when reached deeper.
 */
function validateFrom(index: TableIndex, base: Chain): Invalid | undefined {
  const hook = base.name as Hook;
  const validUpTo = new Map<Chain, number>();
  // Chains by object: one table's chains have distinct names, so this is the path of names.
  const walk = (chain: Chain, depth: number, path: Set<Chain>): Invalid | undefined => {
    if ((validUpTo.get(chain) ?? -1) >= depth) return undefined;
    const targets = jumpTargets(index, chain);
    for (let i = 0; i < chain.rules.length; i++) {
      if (hookProblem(chain.rules[i]!, hook)) return { chain: chain.name, errno: ERRNO.EINVAL };
      const next = targets[i];
      if (!next || isBuiltin(next)) continue;
      if (path.has(next) || depth + 1 >= MAX_DEPTH) return { chain: chain.name, errno: ERRNO.EMLINK };
      path.add(next);
      const bad = walk(next, depth + 1, path);
      path.delete(next);
      if (bad) return { chain: chain.name, errno: bad.errno };
    }
    validUpTo.set(chain, depth);
    return undefined;
  };
  return walk(base, 0, new Set([base]));
}
