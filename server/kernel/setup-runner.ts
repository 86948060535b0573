/**
 * Runs a scenario's setup items in order, each as `ip netns exec NS PROGRAM ARGS...` without a
 * shell. A line that is not allowed is refused without running; a line the kernel refuses
 * (non-zero exit) is recorded with its stderr and the run goes on, as sh(1) without `set -e`.
 */
import type { RefusedLine, SetupItem } from "../../engine/scenario/types";
import { splitCommandLine } from "./command-line";
import { runCommand, type CommandOutput } from "./run-command";
import type { Sandbox } from "./sandbox";
import { sandboxCommand } from "./sandbox-policy";

const SETUP_LINE_TIMEOUT_MS = 10_000;

export async function runSetup(sandbox: Sandbox, items: readonly SetupItem[]): Promise<RefusedLine[]> {
  const refused: RefusedLine[] = [];
  for (const item of items) {
    const error = await runSetupItem(sandbox, item);
    if (error !== undefined) refused.push({ host: item.host, line: item.line, error });
  }
  return refused;
}

/** Returns the error text if the line was refused, undefined if it ran and succeeded. */
async function runSetupItem(sandbox: Sandbox, item: SetupItem): Promise<string | undefined> {
  const namespace = sandbox.createdNamespaceOf(item.host);
  if (namespace === undefined) return `host "${item.host}" is not a host of this scenario`;
  const newline = item.line.indexOf("\n");
  const commandLine = newline < 0 ? item.line : item.line.slice(0, newline);
  const stdin = newline < 0 ? undefined : item.line.slice(newline + 1);
  const split = splitCommandLine(commandLine);
  if (!split.ok) return split.error;
  const command = sandboxCommand(split.argv, (host) => sandbox.createdNamespaceOf(host));
  if (!command.ok) return command.error;
  const programPath = sandbox.tools[command.program];
  if (programPath === undefined) return `${command.program}: not installed on this machine`;
  const output = await runCommand(sandbox.processes, [sandbox.tools.ip, "netns", "exec", namespace, programPath, ...command.args], {
    ...(stdin !== undefined ? { stdin } : {}),
    timeoutMs: SETUP_LINE_TIMEOUT_MS,
  });
  // The kernel's messages may name the rewritten namespace; print the scenario's host name.
  return output.exitCode === 0 ? undefined : failureText(output).replaceAll(sandbox.prefix, "");
}

function failureText(output: CommandOutput): string {
  if (output.spawnError) return output.spawnError;
  if (output.timedOut) return `timed out after ${SETUP_LINE_TIMEOUT_MS / 1000} s`;
  return output.stderr.trim() || output.stdout.trim() || `exit status ${output.exitCode}`;
}
