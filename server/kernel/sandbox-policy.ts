/**
 * What a scenario's setup line may run in the kernel sandbox, and the argv actually executed.
 * Only networking tools run, never through a shell, and no argument may reach a network
 * namespace, file or program the harness did not create: `netns X` must name a scenario host
 * and is rewritten to that host's namespace.
 */
import { checkBridgeArgs, checkIpArgs } from "./sandbox-iproute";
import { checkConntrackArgs, checkIptablesArgs, checkSysctlArgs } from "./sandbox-netfilter";

export const ALLOWED_PROGRAMS = ["ip", "bridge", "iptables", "iptables-save", "iptables-restore", "sysctl", "conntrack"] as const;
export type AllowedProgram = (typeof ALLOWED_PROGRAMS)[number];

export type SandboxedCommand = { ok: true; program: AllowedProgram; args: string[] } | { ok: false; error: string };

/** Maps a scenario host name to the namespace the harness created for it, if any. */
export type NamespaceOf = (host: string) => string | undefined;

export function isAllowedProgram(name: string): name is AllowedProgram {
  return (ALLOWED_PROGRAMS as readonly string[]).includes(name);
}

export function sandboxCommand(argv: readonly string[], namespaceOf: NamespaceOf): SandboxedCommand {
  const [program, ...args] = argv;
  if (program === undefined || !isAllowedProgram(program)) {
    return {
      ok: false,
      error: `"${program ?? ""}" is not allowed in the kernel sandbox (allowed: ${ALLOWED_PROGRAMS.join(", ")})`,
    };
  }
  const checked = checkArgs(program, args, namespaceOf);
  return checked.ok ? { ok: true, program, args: checked.args } : checked;
}

export type CheckedArgs = { ok: true; args: string[] } | { ok: false; error: string };

function checkArgs(program: AllowedProgram, args: string[], namespaceOf: NamespaceOf): CheckedArgs {
  switch (program) {
    case "ip":
      return checkIpArgs(args, namespaceOf);
    case "bridge":
      return checkBridgeArgs(args);
    case "iptables":
    case "iptables-save":
    case "iptables-restore":
      return checkIptablesArgs(program, args);
    case "sysctl":
      return checkSysctlArgs(args);
    case "conntrack":
      return checkConntrackArgs(args);
    default: {
      const unreachable: never = program;
      return unreachable;
    }
  }
}
