/**
 * Sandbox rules for iptables(8), iptables-save(8), iptables-restore(8), sysctl(8) and
 * conntrack(8): nothing that runs another program (--modprobe), reads or writes host files
 * (iptables-save --file, iptables-restore FILE, sysctl -p/--system) or touches a sysctl outside
 * net.* (those are global to the machine, not per network namespace).
 */
import type { CheckedArgs } from "./sandbox-policy";

/** Short iptables options that take no argument (iptables.c `optstring`); any other letter starts its argument. */
const IPTABLES_FLAG_LETTERS = new Set(["V", "f", "b", "v", "n", "x", "4", "6"]);

const RESTORE_OPTIONS = new Set([
  "-c", "--counters", "-v", "--verbose", "-t", "--test", "-n", "--noflush", "-w", "--wait",
  "-4", "--ipv4", "-6", "--ipv6", "-V", "--version", "-h", "--help",
]);
const SAVE_OPTIONS = new Set(["-c", "--counters", "-V", "--version"]);
/** iptables-save takes -t TABLE, iptables-restore -T TABLE (its -t means --test). */
const SAVE_TABLE_OPTIONS = new Set(["-t", "--table"]);
const RESTORE_TABLE_OPTIONS = new Set(["-T", "--table"]);

export function checkIptablesArgs(program: "iptables" | "iptables-save" | "iptables-restore", args: readonly string[]): CheckedArgs {
  const modprobe = args.find(isModprobeOption);
  if (modprobe !== undefined) return refuse(program, modprobe, "runs a program");
  if (program === "iptables") return { ok: true, args: [...args] };
  return checkSaveRestoreArgs(program, args);
}

/** -M CMD / --modprobe=CMD make iptables exec CMD to load kernel modules. */
function isModprobeOption(arg: string): boolean {
  if (arg.startsWith("--")) {
    const name = arg.split("=")[0]!;
    return name.length >= 4 && "--modprobe".startsWith(name);
  }
  if (!arg.startsWith("-")) return false;
  for (const letter of arg.slice(1)) {
    if (letter === "M") return true;
    if (!IPTABLES_FLAG_LETTERS.has(letter)) return false;
  }
  return false;
}

/** iptables-save/-restore: only known options; the ruleset comes from stdin, never a file. */
function checkSaveRestoreArgs(program: "iptables-save" | "iptables-restore", args: readonly string[]): CheckedArgs {
  const allowed = program === "iptables-save" ? SAVE_OPTIONS : RESTORE_OPTIONS;
  const tableOptions = program === "iptables-save" ? SAVE_TABLE_OPTIONS : RESTORE_TABLE_OPTIONS;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (tableOptions.has(arg)) {
      index++;
    } else if (!arg.startsWith("--table=") && !allowed.has(arg)) {
      return refuse(program, arg, arg.startsWith("-") ? "is not allowed" : "reads a file (give the rules on stdin)");
    }
  }
  return { ok: true, args: [...args] };
}

const SYSCTL_OPTIONS = new Set(["-w", "--write", "-q", "--quiet", "-e", "--ignore", "-n", "--values", "-N", "--names", "-b", "--binary"]);
/** A key under net/ with non-empty components, so "net/../kernel" cannot climb out of /proc/sys/net. */
const NET_SYSCTL_KEY = /^net(?:[./][A-Za-z0-9_@:+-]+)+$/;

export function checkSysctlArgs(args: readonly string[]): CheckedArgs {
  for (const arg of args) {
    if (arg.startsWith("-")) {
      if (!SYSCTL_OPTIONS.has(arg)) return refuse("sysctl", arg, "is not allowed");
      continue;
    }
    const key = arg.includes("=") ? arg.slice(0, arg.indexOf("=")) : arg;
    if (!NET_SYSCTL_KEY.test(key)) {
      return { ok: false, error: `sysctl: "${key}" is not a net.* key: only per-namespace net.* sysctls are allowed in the kernel sandbox` };
    }
  }
  return { ok: true, args: [...args] };
}

/** conntrack -E (events) waits for events forever. */
export function checkConntrackArgs(args: readonly string[]): CheckedArgs {
  const events = args.find((arg) => arg === "-E" || (arg.length >= 4 && "--event".startsWith(arg)));
  if (events !== undefined) return refuse("conntrack", events, "waits forever");
  return { ok: true, args: [...args] };
}

function refuse(program: string, arg: string, why: string): CheckedArgs {
  return { ok: false, error: `${program}: "${arg}" ${why} and is not allowed in the kernel sandbox` };
}
