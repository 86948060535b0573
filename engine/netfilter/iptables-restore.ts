/**
 * `iptables-restore [--noflush] [-c] [-T TABLE] [-t]` ([IPT14]-[IPT16]). Each `*table` block
 * starts from an empty table unless --noflush; `:CHAIN` creates (or, with --noflush,
 * flushes) a user chain or sets a built-in policy; the rule lines run through iptables' own
 * parser. nf_tables checks the block at COMMIT: a jump to a chain missing when its line was
 * read fails there, a hook violation names the first line that made the table invalid. Each
 * COMMIT is final: a later failure leaves the blocks committed before it in place.
 */
import type { Token } from "../cmd/tokenize";
import { fail, ok, type Result } from "../cmd/result";
import type { RestoreLine, RestoreOptions } from "./ipt-command";
import { failureText, type XtFailure } from "./ipt-errors";
import { withTable } from "./ipt-table";
import { validateTable } from "./ipt-validate";
import { WorkTable, type Step } from "./restore-work";
import { assertNever } from "../model/carrier";
import { emptyTable } from "./empty";
import { TABLE_ORDER, type Netfilter, type Table, type TableName } from "./types";

const TRY = "Try `iptables-restore -h' for more information.";

export function parseRestoreOptions(words: readonly Token[]): Result<RestoreOptions & { test: boolean }> {
  let noflush = false;
  let counters = false;
  let test = false;
  let table: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const t = w.text;
    if (t === "-n" || t === "--noflush") noflush = true;
    else if (t === "-c" || t === "--counters") counters = true;
    else if (t === "-t" || t === "--test") test = true;
    else if (t === "-4" || t === "--ipv4" || t === "-w" || t === "--wait" || t === "-W" || t === "--wait-interval") continue;
    else if (t === "-T" || t === "--table" || t.startsWith("--table=")) {
      const v = t.startsWith("--table=") ? t.slice(8) : words[++i]?.text;
      if (v === undefined) return fail(`iptables-restore: ${t === "-T" ? "option requires an argument -- 'T'" : "option '--table' requires an argument"}\n${TRY}`, w.column);
      table = v;
    } else if (/^-[nct]+$/.test(t)) {
      noflush ||= t.includes("n");
      counters ||= t.includes("c");
      test ||= t.includes("t");
    } else if (!t.startsWith("-")) return fail(`PodPath reads iptables-restore's input from the lines after the command, not from the file "${t}".`, w.column);
    else if (["-v", "--verbose", "-V", "--version", "-h", "--help", "-M", "--modprobe", "-6", "--ipv6", "-b", "--binary"].includes(t)) {
      return fail(`PodPath does not support "iptables-restore ${t}".`, w.column);
    } else if (t.startsWith("--")) return fail(`iptables-restore: unrecognized option '${t}'\n${TRY}`, w.column);
    else return fail(`iptables-restore: invalid option -- '${t[1]}'\n${TRY}`, w.column);
  }
  if (table !== undefined && !(TABLE_ORDER as readonly string[]).includes(table)) return fail(`PodPath knows no table "${table}" (raw, mangle, nat, filter).`);
  return ok({ noflush, counters, test, ...(table !== undefined ? { table: table as TableName } : {}) });
}

/** On failure `nf` holds the blocks COMMITted before it, which the kernel keeps ([IPT15]). */
export type RestoreResult = { readonly ok: true; readonly nf: Netfilter } | { readonly ok: false; readonly error: string; readonly nf: Netfilter };

interface Block {
  readonly name: TableName;
  readonly start: Table;
  readonly work: WorkTable;
  readonly done: Step[];
  deferred?: XtFailure;
}

export function runRestore(nf: Netfilter, lines: readonly RestoreLine[], opts: RestoreOptions): RestoreResult {
  let work = nf;
  let block: Block | undefined;
  const text = (l: { line: number; failure: XtFailure }): RestoreResult => ({ ok: false, error: failureText(l.failure, "iptables-restore", l.failure.kind === "plain" ? undefined : l.line), nf: work });
  for (const l of lines) {
    switch (l.kind) {
      case "skip":
        continue;
      case "error":
        return text(l);
      case "table": {
        const start = opts.noflush ? work[l.table] : emptyTable(l.table);
        block = { name: l.table, start, work: new WorkTable(l.table, start), done: [] };
        continue;
      }
      case "chain": {
        const failure = block!.work.declare(l.chain, l.policy, l.counters);
        if (failure) return text({ line: l.line, failure });
        block!.done.push(l);
        continue;
      }
      case "command": {
        const b = block!;
        const missing = b.work.missingJump(l.command);
        if (missing) {
          b.deferred ??= missing;
          continue;
        }
        const failure = b.work.run(l.command, work);
        if (failure) return text({ line: l.line, failure });
        b.done.push(l);
        continue;
      }
      case "commit": {
        const b = block!;
        if (b.deferred) return text({ line: l.line, failure: b.deferred });
        const table = b.work.table();
        if (validateTable(table)) return text(firstInvalid(work, b));
        work = withTable(work, b.name, table);
        block = undefined;
        continue;
      }
      default:
        return assertNever(l);
    }
  }
  return { ok: true, nf: work };
}

/** The table after the first `n` steps of a block. */
function replay(work: Netfilter, b: Block, n: number): Table {
  const t = new WorkTable(b.name, b.start);
  for (const d of b.done.slice(0, n)) {
    if ("chain" in d) t.declare(d.chain, d.policy, d.counters);
    else t.run(d.command, work);
  }
  return t.table();
}

/**
 * nf_tables validates at COMMIT; the line to blame is the step after which the table turned
 * invalid, found by bisection over the block's steps (the start was valid, the end is not).
 */
function firstInvalid(work: Netfilter, b: Block): { line: number; failure: XtFailure } {
  let lo = 0;
  let hi = b.done.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (validateTable(replay(work, b, mid))) hi = mid;
    else lo = mid;
  }
  const step = b.done[hi - 1]!;
  const bad = validateTable(replay(work, b, hi))!;
  const op = "command" in step ? step.command.op.type : "append";
  const chain = "command" in step && "chain" in step.command.op ? step.command.op.chain : bad.chain;
  return { line: step.line, failure: { kind: "batch", op: op === "insert" ? "RULE_INSERT" : op === "replace" ? "RULE_REPLACE" : "RULE_APPEND", errno: bad.errno, object: `rule in chain ${chain}` } };
}
