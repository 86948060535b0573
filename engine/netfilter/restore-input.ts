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
import { TABLE_HOOKS, TABLE_ORDER, type TableName } from "./types";

/** add_param_to_argv: the words of one rule line (the line still ends in "\n"). */
export function restoreWords(line: string): Token[] {
  const out: Token[] = [];
  let quoteOpen = false;
  let escaped = false;
  let param = "";
  let start = -1;
  const push = (): void => {
    out.push({ text: param, column: Math.max(0, start) });
    param = "";
    start = -1;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (start < 0) start = i;
    if (quoteOpen) {
      if (escaped) {
        param += c;
        escaped = false;
        continue;
      }
      if (c === "\\") {
        escaped = true;
        continue;
      }
      if (c !== '"') {
        param += c;
        continue;
      }
      quoteOpen = false;
    } else if (c === '"') {
      quoteOpen = true;
      continue;
    }
    if (c === '"') {
      push();
      continue;
    }
    if (c === " " || c === "\t" || c === "\n") {
      if (param.length === 0) {
        start = -1;
        continue;
      }
      push();
      continue;
    }
    param += c;
  }
  if (param.length > 0) push();
  return out;
}

const isTable = (t: string): t is TableName => (TABLE_ORDER as readonly string[]).includes(t);

export function parseRestoreInput(text: string, opts: RestoreOptions): RestoreLine[] {
  const raw = text === "" ? [] : text.split("\n");
  if (raw.length > 0 && raw[raw.length - 1] === "") raw.pop();
  const out: RestoreLine[] = [];
  let table: TableName | undefined;
  let skipping = false;
  const error = (line: number, failure: XtFailure): RestoreLine[] => [...out, { kind: "error", line, failure }];
  for (let k = 0; k < raw.length; k++) {
    const line = k + 1;
    const body = raw[k]!;
    const withNl = k < raw.length - 1 || text.endsWith("\n") ? `${body}\n` : body;
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
      if (!isTable(name)) return error(line, param(`iptables-restore: line ${line} table name '${name}' invalid`));
      table = name;
      skipping = opts.table !== undefined && opts.table !== name;
      out.push(skipping ? { kind: "skip", line } : { kind: "table", line, table: name });
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
  const words = [...prefix, ...restoreWords(rest)];
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
