/**
 * iptables-restore's input, read line by line as xtables-restore.c reads it ([IPT14]): `#`
 * comments and empty lines skipped, `*table`, `:CHAIN POLICY [p:b]`, rule lines split by
 * add_param_to_argv (double quotes group, backslash escapes inside them, single quotes are
 * plain characters), `COMMIT`. Parsed once into typed lines; the first bad line ends the input.
 */
import type { Token } from "../cmd/tokenize";
import type { RestoreLine, RestoreOptions } from "./ipt-command";
import { param, podpath, XtStop, type XtFailure } from "./ipt-errors";
import { parseIptables } from "./ipt-parse-finish";
import { TABLE_HOOKS, tableNamed, type TableName } from "./types";
import { RecentParses } from "../cmd/recent";

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** Space, tab, newline (NaN, past the end, is none). */
const isSeparator = (code: number): boolean => code === 0x20 || code === 0x09 || code === 0x0a;

/**
 * add_param_to_argv: the words of one rule line (the line still ends in "\n"). A word ends at a
 * space, tab or newline, or right after a double-quoted part (an empty `""` is a word too);
 * inside the quotes a backslash takes the next character as it is.
 */
export function restoreWords(line: string): Token[] {
  const out: Token[] = [];
  const end = line.length;
  let i = 0;
  while (i < end) {
    if (isSeparator(line.charCodeAt(i))) {
      i++;
      continue;
    }
    const column = i;
    let c = line.charCodeAt(i);
    while (!isSeparator(c) && c !== QUOTE && ++i < end) c = line.charCodeAt(i);
    if (i === end || c !== QUOTE) {
      out.push({ text: line.slice(column, i), column });
      continue;
    }
    const q = quotedPart(line, i + 1);
    const text = line.slice(column, i) + q.text;
    // A quote left open at the end of the line ends the last word only if it has characters.
    if (q.closed || text !== "") out.push({ text, column });
    i = q.next;
  }
  return out;
}

/** The inside of a double-quoted part that starts at `from`, and where reading goes on after it. */
function quotedPart(line: string, from: number): { text: string; closed: boolean; next: number } {
  let text = "";
  let run = from;
  for (let i = from; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === QUOTE) return { text: text + line.slice(run, i), closed: true, next: i + 1 };
    if (c === BACKSLASH) {
      text += line.slice(run, i);
      // The escaped character starts the next run and is never taken as a quote.
      run = ++i;
    }
  }
  return { text: text + line.slice(run), closed: false, next: line.length };
}

/** Longer inputs are parsed each time rather than kept (a 10,000-Service kube-proxy dump would pin megabytes). */
const recentInputs = new RecentParses<readonly RestoreLine[]>(64, 64 * 1024);

/**
 * The input of an `iptables-restore` command: `text` is the whole command as given (the command
 * line, a newline, then the input), `opts` its parsed options, and the input starts at `from`.
 * Recent inputs are kept by the whole text, which also fixes the options (-T and -c change how
 * the input is read).
 */
export function parseRestoreInput(text: string, from: number, opts: RestoreOptions): readonly RestoreLine[] {
  return recentInputs.get(text) ?? recentInputs.keep(text, readRestoreInput(text.slice(from), opts));
}

function readRestoreInput(text: string, opts: RestoreOptions): RestoreLine[] {
  const raw = text === "" ? [] : text.split("\n");
  if (raw.length > 0 && raw[raw.length - 1] === "") raw.pop();
  const out: RestoreLine[] = [];
  let table: TableName | undefined;
  let skipping = false;
  const error = (line: number, failure: XtFailure): RestoreLine[] => [...out, { kind: "error", line, failure }];
  let offset = 0;
  for (let k = 0; k < raw.length; k++) {
    const line = k + 1;
    const body = raw[k]!;
    const end = offset + body.length;
    // The line with the newline that ends it (the last one may have none), cut from the input itself.
    const withNl = end < text.length ? text.slice(offset, end + 1) : body;
    offset = end + 1;
    if (body === "" || body.startsWith("#")) continue;
    if (table !== undefined && body === "COMMIT") {
      out.push(skipping ? { kind: "skip", line } : { kind: "commit", line });
      table = undefined;
      skipping = false;
      continue;
    }
    if (table === undefined && body.startsWith("*")) {
      const name = body.slice(1).split(/[ \t]/)[0] ?? "";
      if (name === "") return error(line, param(`iptables-restore: line ${line} table name invalid`));
      if (name === "security") return error(line, podpath("PodPath does not model the security table (SELinux)."));
      const known = tableNamed(name);
      if (!known) return error(line, param(`iptables-restore: line ${line} table name '${name}' invalid`));
      table = known;
      skipping = opts.table !== undefined && opts.table !== known;
      out.push(skipping ? { kind: "skip", line } : { kind: "table", line, table: known });
      continue;
    }
    if (table === undefined) return error(line, { kind: "plain", message: `iptables-restore: line ${line} failed` });
    if (skipping) continue;
    if (body.startsWith(":")) {
      const r = chainLine(body, line, table, opts);
      if (r.kind === "error") return [...out, r];
      out.push(r);
      continue;
    }
    const r = commandLine(withNl, line, table, opts);
    if (r.kind === "error") return [...out, r];
    out.push(r);
  }
  if (table !== undefined) return error(raw.length + 1, { kind: "plain", message: `iptables-restore: COMMIT expected at line ${raw.length + 1}` });
  return out;
}

function chainLine(body: string, line: number, table: TableName, opts: RestoreOptions): RestoreLine {
  const words = body.slice(1).split(/[ \t]+/).filter((w) => w !== "");
  const [chain, policy, ctrs] = words;
  if (chain === undefined) return { kind: "error", line, failure: param(`iptables-restore: line ${line} chain name invalid`) };
  if (chain.length >= 29) return { kind: "error", line, failure: param(`Invalid chain name \`${chain}' (28 chars max)`) };
  if (policy === undefined) return { kind: "error", line, failure: param(`iptables-restore: line ${line} policy invalid`) };
  if (!opts.counters || !(TABLE_HOOKS[table] as readonly string[]).includes(chain)) return { kind: "chain", line, chain, policy };
  const m = /^\[(\d+):(\d+)/.exec(ctrs ?? "");
  if (!m) return { kind: "error", line, failure: param(`invalid policy counters for chain '${chain}'`) };
  return { kind: "chain", line, chain, policy, counters: { packets: Number(m[1]), bytes: Number(m[2]) } };
}

/** tokenize_rule_counters, then do_parse with the block's table (a -t is refused). */
function commandLine(withNl: string, line: number, table: TableName, opts: RestoreOptions): RestoreLine {
  let rest = withNl;
  const prefix: Token[] = [];
  if (rest.startsWith("[")) {
    const close = rest.indexOf("]");
    if (close < 0) return { kind: "error", line, failure: param(`Bad line ${line}: need ]`) };
    const colon = rest.indexOf(":");
    if (colon < 0 || colon > close) return { kind: "error", line, failure: param(`Bad line ${line}: need :`) };
    if (opts.counters) prefix.push({ text: "--set-counters", column: 0 }, { text: rest.slice(1, colon), column: 1 }, { text: rest.slice(colon + 1, close), column: colon + 1 });
    rest = rest.slice(close + 1);
  }
  const words = prefix.length === 0 ? restoreWords(rest) : prefix.concat(restoreWords(rest));
  try {
    const command = parseIptables(words, { restore: true, table, endColumn: withNl.length });
    if (command.op.type === "list" || command.op.type === "list-rules" || command.op.type === "version") {
      return { kind: "error", line, failure: podpath("PodPath does not run -L, -S or -V inside iptables-restore input.") };
    }
    return { kind: "command", line, command };
  } catch (e) {
    if (e instanceof XtStop) return { kind: "error", line, failure: e.failure };
    throw e;
  }
}
