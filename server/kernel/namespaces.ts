/**
 * The network namespaces of one kernel run: names, creation with pinned sysctls, deletion, and
 * the sweep of namespaces left behind by a harness process that died (SIGKILL, crash).
 *
 * Names are `pp<creatorPid>x<runCounter>-<host>`; ip-netns(8) keeps them as files under
 * /var/run/netns. Only names with this exact pattern and a dead creator PID are ever swept.
 */
import { readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { runCommand } from "./run-command";
import type { TrackedProcesses } from "./tracked-processes";
import type { ToolPaths } from "./preflight";

const NETNS_RUN_DIR = "/var/run/netns";
const OUR_NAME = /^pp(\d+)x(\d+)-[a-z][a-z0-9-]{0,14}$/;
const COMMAND_TIMEOUT_MS = 10_000;

let runCounter = 0;

/** A fresh prefix for one run of this process: `pp<pid>x<n>-`. */
export function nextRunPrefix(): string {
  runCounter += 1;
  return `pp${process.pid}x${runCounter}-`;
}

/** Every prefix this process can produce starts with this. */
export function processPrefix(): string {
  return `pp${process.pid}x`;
}

export function listNamespaces(): string[] {
  try {
    return readdirSync(NETNS_RUN_DIR);
  } catch {
    return [];
  }
}

/**
 * SCENARIO.md "a fresh host": the values a new namespace must have. A new namespace copies some
 * net.ipv4 "all"/"default" values from the machine (net.core.devconf_inherit_init_net=0, see
 * Documentation/admin-guide/sysctl/net.rst), so each is set explicitly. icmp_ratelimit=0 keeps
 * one probe's ICMP errors from suppressing the next one's (ip-sysctl.rst icmp_ratelimit).
 */
export const PINNED_SYSCTLS: readonly string[] = [
  "net.ipv4.ip_forward=0",
  ...["all", "default", "lo"].flatMap((device) =>
    ["rp_filter", "proxy_arp", "route_localnet", "accept_local", "arp_ignore", "arp_announce", "arp_filter"].map(
      (key) => `net.ipv4.conf.${device}.${key}=0`,
    ),
  ),
  "net.ipv4.icmp_ratelimit=0",
  "net.bridge.bridge-nf-call-iptables=1",
];

/** `ip netns add NAME`, then the pinned sysctls; throws with ip's or sysctl's own error. */
export async function createNamespace(processes: TrackedProcesses, tools: ToolPaths, name: string): Promise<void> {
  const added = await runCommand(processes, [tools.ip, "netns", "add", name], { timeoutMs: COMMAND_TIMEOUT_MS });
  if (added.exitCode !== 0) throw new Error(`ip netns add ${name} failed: ${describeFailure(added)}`);
  const pinned = await runCommand(processes, [tools.ip, "netns", "exec", name, tools.sysctl, "-q", "-w", ...PINNED_SYSCTLS], {
    timeoutMs: COMMAND_TIMEOUT_MS,
  });
  if (pinned.exitCode !== 0) throw new Error(`pinning sysctls in ${name} failed: ${describeFailure(pinned)}`);
}

export async function deleteNamespace(processes: TrackedProcesses, tools: ToolPaths, name: string): Promise<void> {
  if (!listNamespaces().includes(name)) return;
  await runCommand(processes, [tools.ip, "netns", "del", name], { timeoutMs: COMMAND_TIMEOUT_MS });
}

/** For signal handlers, which cannot wait for promises. */
export function deleteNamespaceSync(ipPath: string, name: string): void {
  spawnSync(ipPath, ["netns", "del", name], { timeout: COMMAND_TIMEOUT_MS, stdio: "ignore" });
}

/** Deletes namespaces named by our pattern whose creator PID no longer exists. */
export async function sweepDeadRunNamespaces(processes: TrackedProcesses, tools: ToolPaths): Promise<string[]> {
  const swept: string[] = [];
  for (const name of listNamespaces()) {
    const match = OUR_NAME.exec(name);
    if (!match || isAlive(Number(match[1]))) continue;
    await deleteNamespace(processes, tools, name);
    swept.push(name);
  }
  return swept;
}

/** kill(2) with signal 0 checks existence: ESRCH means no such process. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

function describeFailure(output: { stderr: string; exitCode: number | null; timedOut: boolean; spawnError?: string }): string {
  if (output.spawnError) return output.spawnError;
  if (output.timedOut) return "timed out";
  return output.stderr.trim() || `exit status ${output.exitCode}`;
}
