/**
 * What the kernel harness needs before it creates anything: root (network namespaces, netlink
 * writes and iptables need CAP_NET_ADMIN/CAP_SYS_ADMIN), the tools it runs, and br_netfilter,
 * which provides net.bridge.bridge-nf-call-iptables (see SCENARIO.md "a fresh host").
 */
import { accessSync, constants, existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";

export const REQUIRED_TOOLS = ["ip", "iptables", "iptables-save", "iptables-restore", "conntrack", "ping", "sysctl"] as const;
/** `bridge` is only needed by scenarios that use it, so it is resolved but not required. */
const OPTIONAL_TOOLS = ["bridge", "modprobe"] as const;

export type ToolName = (typeof REQUIRED_TOOLS)[number] | (typeof OPTIONAL_TOOLS)[number];
export type ToolPaths = Readonly<Partial<Record<ToolName, string>>> & Readonly<Record<(typeof REQUIRED_TOOLS)[number], string>>;

/** sbin directories are searched too: root's PATH usually has them, a sudo'ed PATH may not. */
const EXTRA_PATH = ["/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/local/bin", "/usr/bin", "/bin"];

export function findExecutable(name: string): string | undefined {
  const directories = [...(process.env.PATH ?? "").split(":").filter(Boolean), ...EXTRA_PATH];
  for (const directory of directories) {
    const candidate = path.join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

let cached: ToolPaths | undefined;

/** Throws an Error naming exactly what is missing. */
export function checkKernelPrerequisites(): ToolPaths {
  if (cached) return cached;
  const problems: string[] = [];
  if (typeof process.getuid !== "function" || process.getuid() !== 0) {
    problems.push("must run as root (network namespaces need CAP_SYS_ADMIN and CAP_NET_ADMIN)");
  }
  const found: Partial<Record<ToolName, string>> = {};
  const missing: string[] = [];
  for (const tool of REQUIRED_TOOLS) {
    const location = findExecutable(tool);
    if (location) found[tool] = location;
    else missing.push(tool);
  }
  for (const tool of OPTIONAL_TOOLS) {
    const location = findExecutable(tool);
    if (location) found[tool] = location;
  }
  if (missing.length > 0) problems.push(`missing programs: ${missing.join(", ")} (install iproute2, iptables, conntrack, iputils-ping, procps)`);
  if (problems.length === 0) {
    const bridgeProblem = ensureBrNetfilter(found.modprobe);
    if (bridgeProblem) problems.push(bridgeProblem);
  }
  if (problems.length > 0) throw new Error(`kernel harness cannot run: ${problems.join("; ")}`);
  cached = found as ToolPaths;
  return cached;
}

function ensureBrNetfilter(modprobe: string | undefined): string | undefined {
  if (existsSync("/proc/sys/net/bridge")) return undefined;
  if (!modprobe) return "br_netfilter is not loaded (/proc/sys/net/bridge is missing) and modprobe is not installed";
  const result = spawnSync(modprobe, ["br_netfilter"], { encoding: "utf8", timeout: 10_000 });
  if (existsSync("/proc/sys/net/bridge")) return undefined;
  const why = (result.stderr ?? "").trim() || result.error?.message || `exit status ${result.status}`;
  return `br_netfilter is not loaded (/proc/sys/net/bridge is missing) and "modprobe br_netfilter" failed: ${why}`;
}
