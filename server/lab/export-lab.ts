/**
 * A level as a bash script for any Linux machine: it builds the start state in network
 * namespaces of its own (prefix `pplab<PID>-`), runs the goal probes, lets the student try
 * fixes with `ip netns exec` while it waits (when run from a terminal), and deletes every
 * namespace and process it made on exit. PODPATH_LAB_SOLVE=1 applies the reference solution
 * before probing. Namespace arguments in setup lines (`netns pod-a`) are rewritten to the
 * lab's namespaces; only the networking tools the kernel harness allows are run.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { PreparedLevel } from "../../engine/judge/prepare";
import type { ProbeSpec, SetupItem } from "../../engine/scenario/types";
import { PINNED_SYSCTLS } from "../kernel/namespaces";
import { splitCommandLine } from "../kernel/command-line";
import { sandboxCommand } from "../kernel/sandbox-policy";

const PROBE_HELPER = readFileSync(fileURLToPath(new URL("./lab-probe.py", import.meta.url)), "utf8");
const NS_MARK = "\u0000NS:";

export type LabScript = { ok: true; script: string } | { ok: false; error: string };

export function labScript(prepared: PreparedLevel, seed: number): LabScript {
  const { level } = prepared;
  const lines: string[] = [];
  const hosts = prepared.hosts.map((h) => h.name);
  const setup: string[] = [];
  for (const [index, item] of [...prepared.baseSetup, ...level.break].entries()) {
    const shell = shellLine(item, hosts);
    if (!shell.ok) return { ok: false, error: `setup line ${index + 1} on ${item.host}: ${shell.error}` };
    setup.push(shell.text);
  }
  const solution: string[] = [];
  for (const item of level.solution) {
    const shell = shellLine(item, hosts);
    if (!shell.ok) return { ok: false, error: `solution line on ${item.host}: ${shell.error}` };
    solution.push(shell.text);
  }
  lines.push(
    "#!/usr/bin/env bash",
    `# PodPath lab: ${level.title.en} (level ${level.id}, seed ${seed})`,
    "# Builds the level's start state in network namespaces, runs its goal probes, and removes",
    "# every namespace and process it made on exit. Needs root, iproute2, iptables, ping, python3.",
    "# Run it in a terminal to try your fix with `ip netns exec NS COMMAND` between probe runs;",
    "# PODPATH_LAB_SOLVE=1 applies PodPath's reference solution first.",
    "set -u",
    'P="pplab$$-"',
    "PIDS=()",
    `HOSTS=(${hosts.join(" ")})`,
    "cleanup() {",
    '  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done',
    "  # Anything still running inside the lab's own namespaces was started by this script.",
    '  for h in "${HOSTS[@]}"; do for pid in $(ip netns pids "$P$h" 2>/dev/null); do kill "$pid" 2>/dev/null; done; ip netns del "$P$h" 2>/dev/null; done',
    '  rm -f "$HELPER"',
    "}",
    'HELPER="$(mktemp /tmp/podpath-lab-XXXXXX.py)"',
    "trap cleanup EXIT",
    "trap 'exit 130' INT TERM",
    'if [ "$(id -u)" != 0 ]; then echo "podpath lab: run as root (it creates network namespaces)" >&2; exit 1; fi',
    "missing=()",
    "for tool in ip iptables iptables-restore sysctl ping python3 timeout; do command -v \"$tool\" >/dev/null || missing+=(\"$tool\"); done",
    "command -v bridge >/dev/null || missing+=(bridge)",
    'if [ ${#missing[@]} -gt 0 ]; then echo "podpath lab: missing ${missing[*]}" >&2; exit 1; fi',
    "cat > \"$HELPER\" <<'PODPATH_PY'",
    PROBE_HELPER.trimEnd(),
    "PODPATH_PY",
    'ns() { ip netns exec "$P$1" "${@:2}"; }',
    "echo \"Building the lab in namespaces $P* ...\"",
    'for h in "${HOSTS[@]}"; do',
    '  ip netns add "$P$h" || exit 1',
    `  ns "$h" sysctl -q -w ${PINNED_SYSCTLS.join(" ")} 2>/dev/null`,
    "done",
    "run() { \"$@\" >/dev/null || echo \"  (refused: $*)\" >&2; }",
    ...setup,
    ...listenerLines(prepared),
    "sleep 0.5",
    'if [ "${PODPATH_LAB_SOLVE:-0}" = 1 ]; then',
    '  echo "Applying the reference solution ..."',
    ...solution.map((l) => `  ${l}`),
    "fi",
    ...probeFunctions(),
    "goals() {",
    "  local pass=0 fail=0",
    ...goalLines(prepared),
    '  echo "$pass goal probes pass, $fail fail"',
    "}",
    "goals",
    "if [ -t 0 ]; then",
    '  echo; echo "Your hosts: ${HOSTS[*]/#/$P}"',
    '  echo "Fix it from another terminal, e.g.: ip netns exec ${P}${HOSTS[0]} ip route"',
    '  while read -r -p "Enter: run the probes again, q: clean up and quit > " answer && [ "$answer" != q ]; do goals; done',
    "fi",
  );
  return { ok: true, script: `${lines.join("\n")}\n` };
}

type ShellLine = { ok: true; text: string } | { ok: false; error: string };

function shellLine(item: SetupItem, hosts: readonly string[]): ShellLine {
  const newline = item.line.indexOf("\n");
  const commandLine = newline < 0 ? item.line : item.line.slice(0, newline);
  const split = splitCommandLine(commandLine);
  if (!split.ok) return split;
  const command = sandboxCommand(split.argv, (host) => (hosts.includes(host) ? `${NS_MARK}${host}` : undefined));
  if (!command.ok) return command;
  const words = [command.program, ...command.args].map(shellWord).join(" ");
  const text = `run ns ${shellWord(item.host)} ${words}`;
  if (newline < 0) return { ok: true, text };
  return { ok: true, text: `${text} <<'PODPATH_STDIN'\n${item.line.slice(newline + 1).replace(/\n$/, "")}\nPODPATH_STDIN` };
}

/** A word for bash: plain, single-quoted, or a lab namespace name built from "$P". */
function shellWord(word: string): string {
  if (word.startsWith(NS_MARK)) return `"$P"${shellWord(word.slice(NS_MARK.length))}`;
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

function listenerLines(prepared: PreparedLevel): string[] {
  return Object.entries(prepared.listen).flatMap(([host, listeners]) =>
    // Started without a function or subshell so $! is the server's own PID (ip netns exec execs it).
    listeners.map((l) => `ip netns exec "$P"${host} python3 "$HELPER" serve ${l.proto} ${l.port} ${host} >/dev/null 2>&1 & PIDS+=($!)`),
  );
}

function probeFunctions(): string[] {
  return [
    "probe() { # FROM PROTO DST [PORT]: prints one outcome",
    '  if [ "$2" = icmp ]; then',
    '    local out; out="$(ns "$1" timeout 5 ping -n -c 1 -W 3 "${@:4}" "$3" 2>&1)"',
    '    if echo "$out" | grep -q " bytes from "; then echo "reply from $(echo "$out" | sed -n "s/.* bytes from \\([0-9.]*\\).*/\\1/p" | head -1)";',
    '    elif echo "$out" | grep -qi "unreachable"; then echo unreachable;',
    '    elif echo "$out" | grep -qi "too long"; then echo local-error; else echo timeout; fi',
    "  else",
    '    ns "$1" timeout 6 python3 "$HELPER" probe "$2" "$3" "$4" || echo timeout',
    "  fi",
    "}",
    "check() { # GOAL-ID WANT DESCRIPTION FROM PROTO DST [PORT]",
    '  local got; got="$(probe "${@:4}")"',
    '  local ok=no',
    '  case "$2" in',
    '    connect) case "$got" in connected*|reply*) ok=yes;; esac;;',
    '    blocked) case "$got" in connected*|reply*) ;; *) ok=yes;; esac;;',
    "  esac",
    '  if [ $ok = yes ]; then pass=$((pass+1)); echo "  PASS $1: $3 -> $got"; else fail=$((fail+1)); echo "  FAIL $1: $3 -> $got"; fi',
    "}",
  ];
}

/** [JC6] The lab checks what bash can: connect or not. Servers, sources and balance are PodPath's to judge. */
function goalLines(prepared: PreparedLevel): string[] {
  return prepared.goalProbes.flatMap(({ goal, probes }) =>
    probes.map((p) => `  check ${shellWord(p.id)} ${goal.kind === "blocked" ? "blocked" : "connect"} ${shellWord(describe(p))} ${probeArgs(p)}`),
  );
}

function describe(p: ProbeSpec): string {
  return p.proto === "icmp" ? `ping ${p.to} from ${p.from}` : `${p.proto} ${p.to}:${p.port} from ${p.from}`;
}

function probeArgs(p: ProbeSpec): string {
  if (p.proto !== "icmp") return `${p.from} ${p.proto} ${p.to} ${p.port}`;
  const extra = [...(p.size !== undefined ? ["-s", String(p.size)] : []), ...(p.df ? ["-M", "do"] : [])];
  return `${p.from} icmp ${p.to}${extra.length ? ` ${extra.join(" ")}` : ""}`;
}

