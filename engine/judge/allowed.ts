/**
 * May a student run this line here? [JA1] only on the level's editable hosts; [JA2] not a
 * command the level keeps off-limits. Read-only commands (listing, `-L`, `-S`, `-C`) are
 * always allowed on editable hosts: looking is how students learn.
 */
import { tokenize } from "../cmd/tokenize";
import type { ForbiddenCommand, Level } from "./types";

export type Allowed = { readonly ok: true } | { readonly ok: false; readonly error: string };

const IPT_WRITES = new Map<string, string>([
  ["-A", "append"], ["--append", "append"], ["-I", "insert"], ["--insert", "insert"], ["-D", "delete"], ["--delete", "delete"],
  ["-R", "replace"], ["--replace", "replace"], ["-N", "new-chain"], ["--new-chain", "new-chain"], ["-X", "delete-chain"],
  ["--delete-chain", "delete-chain"], ["-F", "flush"], ["--flush", "flush"], ["-E", "rename"], ["--rename-chain", "rename"],
  ["-P", "policy"], ["--policy", "policy"], ["-Z", "zero"], ["--zero", "zero"],
]);

export function commandAllowed(level: Level, host: string, line: string): Allowed {
  if (!level.editable.includes(host)) {
    return { ok: false, error: `${host} is read-only in this level; you can type on ${level.editable.join(", ")}` };
  }
  const words = tokenize(line.split("\n")[0]!);
  if (!words.ok) return { ok: true }; // the engine reports the syntax error itself
  const argv = words.value.map((t) => t.text);
  const stdin = line.includes("\n") ? line.slice(line.indexOf("\n") + 1) : "";
  for (const rule of level.forbidden) {
    if (rule.hosts && !rule.hosts.includes(host)) continue;
    if (touches(rule, argv, stdin)) return { ok: false, error: `not in this level: ${rule.reason.en}` };
  }
  return { ok: true };
}

function touches(rule: ForbiddenCommand, argv: readonly string[], stdin: string): boolean {
  const program = argv[0] ?? "";
  // A rule about iptables also covers iptables-restore, which writes the same tables.
  if (program !== rule.command && !(program === "iptables-restore" && rule.command === "iptables")) return false;
  if (program === "ip" || program === "bridge") return !isShow(argv) && (rule.object === undefined || objectMatches(rule.object, argv));
  if (program === "iptables") return iptablesTouches(rule, argv);
  if (program === "iptables-restore") return restoreTouches(rule, argv, stdin);
  return true;
}

/** `ip -4 r add ...`: the first word that is not an option, abbreviated as ip allows. */
function objectMatches(object: string, argv: readonly string[]): boolean {
  const word = argv.slice(1).find((w) => !w.startsWith("-"));
  return word !== undefined && object.startsWith(word);
}

/** `ip route`, `ip r show`, `ip route get X`, `bridge fdb list`: the verb is absent or a way of looking. */
function isShow(argv: readonly string[]): boolean {
  const words = argv.slice(1).filter((w) => !w.startsWith("-"));
  const verb = words[1];
  return verb === undefined || ["show", "list", "get"].some((v) => v.startsWith(verb));
}

function iptablesTouches(rule: ForbiddenCommand, argv: readonly string[]): boolean {
  let table = "filter";
  let write: { op: string; chain?: string } | undefined;
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i]!;
    if (w === "-t" || w === "--table") table = argv[++i] ?? table;
    else if (w.startsWith("-t") && w.length > 2 && !w.startsWith("--")) table = w.slice(2);
    else if (IPT_WRITES.has(w) && !write) {
      const next = argv[i + 1];
      write = { op: IPT_WRITES.get(w)!, ...(next !== undefined && !next.startsWith("-") ? { chain: next } : {}) };
    }
  }
  if (!write || (rule.table !== undefined && rule.table !== table)) return false;
  return rule.chain === undefined || write.chain === undefined || globMatches(rule.chain, write.chain);
}

/** Without --noflush a restore rewrites every chain of each table it names; with it, the chains it declares or changes. */
function restoreTouches(rule: ForbiddenCommand, argv: readonly string[], stdin: string): boolean {
  const noflush = argv.includes("-n") || argv.includes("--noflush");
  let table = "";
  for (const raw of stdin.split("\n")) {
    const line = raw.trim();
    if (line.startsWith("*")) {
      table = line.slice(1);
      if (!noflush && (rule.table === undefined || rule.table === table)) return true;
      continue;
    }
    if (rule.table !== undefined && rule.table !== table) continue;
    const chain = line.startsWith(":") ? line.slice(1).split(/\s+/)[0] : /^-[AIDR]\s+(\S+)/.exec(line)?.[1];
    if (chain !== undefined && (rule.chain === undefined || globMatches(rule.chain, chain))) return true;
  }
  return false;
}

function globMatches(pattern: string, name: string): boolean {
  const parts = pattern.split("*");
  if (parts.length === 1) return pattern === name;
  let at = 0;
  for (const [i, part] of parts.entries()) {
    if (i === 0) {
      if (!name.startsWith(part)) return false;
      at = part.length;
    } else if (i === parts.length - 1) {
      return name.length - part.length >= at && name.endsWith(part);
    } else {
      const found = name.indexOf(part, at);
      if (found < 0) return false;
      at = found + part.length;
    }
  }
  return true;
}
