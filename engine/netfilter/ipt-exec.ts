/**
 * Applying one typed iptables command to a host's tables: the nf_tables cache and kernel
 * checks, with the errors iptables 1.8.9 prints ([IPT4]-[IPT9]). Pure: tables in, tables out.
 */
import { assertNever } from "../model/carrier";
import type { IptCommand, IptOp } from "./ipt-command";
import { ERRNO, param, podpath, XT, type BatchOp, type XtFailure } from "./ipt-errors";
import { listChains, listRules } from "./iptables-list";
import { sameRule } from "./ipt-rule-equal";
import { chainIndex, isBuiltin, listingOrder, references, withChain, withRules, withTable, zeroChain } from "./ipt-table";
import { ruleProblem, validateTable } from "./ipt-validate";
import type { Netfilter, Rule, Table } from "./types";

export type ExecResult = { readonly ok: true; readonly nf: Netfilter; readonly output: string } | { readonly ok: false; readonly failure: XtFailure };

const fail = (failure: XtFailure): ExecResult => ({ ok: false, failure });

export interface ExecOptions {
  /** nft_chain_validate after the change (iptables-restore does it once, at COMMIT). */
  readonly validate: boolean;
  /** "Chain 'X' does not exist" (iptables-restore reports it at COMMIT). */
  readonly checkJumps: boolean;
}

const NOW: ExecOptions = { validate: true, checkJumps: true };

export function execIpt(nf: Netfilter, cmd: IptCommand, opts: ExecOptions = NOW): ExecResult {
  const t = nf[cmd.table];
  const done = (table: Table, output = ""): ExecResult => ({ ok: true, nf: withTable(nf, cmd.table, table), output });
  const r = runOp(t, cmd, opts);
  if ("failure" in r) return fail(r.failure);
  return done(r.table, r.output);
}

type OpResult = { readonly table: Table; readonly output: string } | { readonly failure: XtFailure };

function runOp(t: Table, cmd: IptCommand, opts: ExecOptions): OpResult {
  const op = cmd.op;
  const ok = (table: Table, output = ""): OpResult => ({ table, output });
  const err = (failure: XtFailure): OpResult => ({ failure });
  const missingJump = opts.checkJumps ? jumpCheck(t, op, cmd.jumpColumn) : undefined;
  if (missingJump) return err(missingJump);
  switch (op.type) {
    case "append":
    case "insert":
    case "replace": {
      const i = chainIndex(t, op.chain);
      const rules = op.type === "replace" ? [op.rule] : op.rules;
      const batch: BatchOp = op.type === "append" ? "RULE_APPEND" : op.type === "insert" ? "RULE_INSERT" : "RULE_REPLACE";
      if (i < 0) return err(XT.noChain);
      const chain = t.chains[i]!;
      for (const rule of rules) {
        const errno = ruleProblem(rule, cmd.table, (name) => t.chains.some((c) => c.name === name && isBuiltin(c)));
        if (errno) return err({ kind: "batch", op: batch, errno, object: `rule in chain ${op.chain}` });
      }
      let next: readonly Rule[];
      if (op.type === "append") next = [...chain.rules, ...rules];
      else if (op.type === "insert") {
        if (op.num > chain.rules.length + 1) return err(XT.insertTooBig);
        const grown = [...chain.rules];
        for (const rule of rules) grown.splice(op.num - 1, 0, rule);
        next = grown;
      } else {
        if (op.num > chain.rules.length) return err(XT.replaceTooBig);
        next = chain.rules.map((r, k) => (k === op.num - 1 ? op.rule : r));
      }
      const table = withRules(t, i, next);
      const bad = opts.validate ? validateTable(table) : undefined;
      if (bad) return err({ kind: "batch", op: batch, errno: bad.errno, object: `rule in chain ${op.chain}` });
      return ok(table);
    }
    case "delete":
    case "check": {
      const i = chainIndex(t, op.chain);
      if (i < 0) return err(XT.badRule);
      let rules = t.chains[i]!.rules;
      for (const rule of op.rules) {
        const k = rules.findIndex((r) => sameRule(r, rule));
        if (k < 0) return err(XT.badRule);
        if (op.type === "delete") rules = rules.filter((_, j) => j !== k);
      }
      return ok(op.type === "delete" ? withRules(t, i, rules) : t);
    }
    case "delete-num": {
      const i = chainIndex(t, op.chain);
      if (i < 0) return err(XT.noChain);
      const rules = t.chains[i]!.rules;
      if (op.num > rules.length) return err(XT.deleteTooBig);
      return ok(withRules(t, i, rules.filter((_, k) => k !== op.num - 1)));
    }
    case "new-chain":
      if (chainIndex(t, op.chain) >= 0) return err(XT.chainExists);
      return ok({ chains: [...t.chains, { name: op.chain, counters: { packets: 0, bytes: 0 }, rules: [] }], created: true });
    case "delete-chain": {
      const r = deleteChains(t, op.chain);
      if ("failure" in r || !cmd.flags.verbose) return r;
      const gone = listingOrder(t).filter((c) => !r.table.chains.some((k) => k.name === c.name));
      return ok(r.table, gone.map((c) => `Deleting chain \`${c.name}'\n`).join(""));
    }
    case "flush":
    case "zero": {
      if (op.chain !== undefined && chainIndex(t, op.chain) < 0) return err(XT.noChain);
      const num = op.type === "zero" ? op.num : undefined;
      const chains = t.chains.map((c) => (op.chain !== undefined && c.name !== op.chain ? c : op.type === "flush" ? { ...c, rules: [] } : zeroChain(c, num)));
      const verb = op.type === "flush" ? "Flushing" : "Zeroing";
      const shown = listingOrder(t).filter((c) => op.chain === undefined || c.name === op.chain);
      const output = cmd.flags.verbose && num === undefined ? shown.map((c) => `${verb} chain \`${c.name}'\n`).join("") : "";
      return ok({ ...t, chains }, output);
    }
    case "rename": {
      const i = chainIndex(t, op.chain);
      if (i < 0) return err(XT.noChain);
      if (isBuiltin(t.chains[i]!)) return err(podpath(`PodPath does not rename built-in chains: iptables-nft would turn ${op.chain} into a chain iptables can no longer list.`, cmd.chainColumn));
      if (chainIndex(t, op.to) >= 0) return err(XT.fileExists);
      const retarget = (r: Rule): Rule => ((r.target?.kind === "jump" || r.target?.kind === "goto") && r.target.chain === op.chain ? { ...r, target: { ...r.target, chain: op.to } } : r);
      const chains = t.chains.map((c, k) => ({ ...c, ...(k === i ? { name: op.to } : {}), rules: c.rules.map(retarget) }));
      return ok({ ...t, chains, created: true });
    }
    case "policy": {
      const i = chainIndex(t, op.chain);
      if (i < 0 || !isBuiltin(t.chains[i]!)) return err(XT.badBuiltin);
      if (op.policy !== "ACCEPT" && op.policy !== "DROP") return err(XT.badPolicy);
      return ok(withChain(t, i, { ...t.chains[i]!, policy: op.policy }));
    }
    case "list":
    case "list-rules": {
      if (op.chain !== undefined && chainIndex(t, op.chain) < 0) {
        return err({ kind: "plain", message: `iptables v1.8.9 (nf_tables): chain \`${op.chain}' in table \`${cmd.table}' is incompatible, use 'nft' tool.` });
      }
      const listed = op.type === "list" ? listChains(t, op.chain, op.num, cmd.flags) : listRules(t, op.chain, op.num, cmd.flags.verbose);
      if (!op.zero) return ok(t, listed);
      const zeroed = listingOrder(t).filter((c) => op.chain === undefined || c.name === op.chain);
      const notes = cmd.flags.verbose ? zeroed.map((c) => `Zeroing chain \`${c.name}'\n`).join("") : "";
      return ok({ ...t, chains: t.chains.map((c) => (op.chain === undefined || c.name === op.chain ? zeroChain(c) : c)) }, listed + notes);
    }
    case "version":
      return ok(t, "iptables v1.8.9 (nf_tables)\n");
    default:
      return assertNever(op);
  }
}

/** nft: a rule's -j/-g names a chain that must already exist ("Chain 'X' does not exist"). */
function jumpCheck(t: Table, op: IptOp, column: number | undefined): XtFailure | undefined {
  const rules = op.type === "append" || op.type === "insert" || op.type === "delete" || op.type === "check" ? op.rules : op.type === "replace" ? [op.rule] : [];
  for (const r of rules) {
    if ((r.target?.kind === "jump" || r.target?.kind === "goto") && chainIndex(t, r.target.chain) < 0) {
      return param(`Chain '${r.target.chain}' does not exist`, column);
    }
  }
  return undefined;
}

/** -X [CHAIN]: a built-in, non-empty or referenced chain is busy; -X alone deletes every user chain or none. */
function deleteChains(t: Table, name: string | undefined): OpResult {
  const busy = (n: string): XtFailure => ({ kind: "batch", op: "CHAIN_DEL", errno: ERRNO.EBUSY, object: `chain ${n}` });
  if (name !== undefined) {
    const i = chainIndex(t, name);
    if (i < 0) return { failure: XT.noChain };
    const c = t.chains[i]!;
    if (isBuiltin(c) || c.rules.length > 0 || references(t, name) > 0) return { failure: busy(name) };
    return { table: { ...t, chains: t.chains.filter((_, k) => k !== i) }, output: "" };
  }
  // The kernel deletes them in creation order; the first non-empty or referenced one fails the batch.
  for (const c of t.chains) {
    if (!isBuiltin(c) && (c.rules.length > 0 || references(t, c.name) > 0)) return { failure: busy(c.name) };
  }
  return { table: { ...t, chains: t.chains.filter(isBuiltin) }, output: "" };
}
