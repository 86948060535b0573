/**
 * An ICMP probe: one echo request with iputils ping(8), spawned in the sender's namespace and
 * tracked by PID. `-W 4` makes ping stop by itself after 4 s without a reply; the harness kills
 * it if it is still running 3 s after that.
 */
import type { ProbeSpec } from "../../engine/scenario/types";
import { classifyPingOutput, type PingVerdict } from "./ping-output";
import { runCommand } from "./run-command";
import type { Sandbox } from "./sandbox";

const PING_WAIT_SECONDS = 4;
const PING_KILL_AFTER_MS = PING_WAIT_SECONDS * 1000 + 3000;

export function pingArgs(probe: ProbeSpec): string[] {
  return [
    "-n", "-c", "1", "-W", String(PING_WAIT_SECONDS),
    ...(probe.src ? ["-I", probe.src] : []),
    ...(probe.size !== undefined ? ["-s", String(probe.size)] : []),
    // -M do: set DF and do not fragment locally (ping(8) "-M pmtudisc_opt").
    ...(probe.df ? ["-M", "do"] : []),
    probe.to,
  ];
}

export async function runPingProbe(sandbox: Sandbox, probe: ProbeSpec): Promise<PingVerdict> {
  const output = await runCommand(
    sandbox.processes,
    [sandbox.tools.ip, "netns", "exec", sandbox.namespaceOf(probe.from), sandbox.tools.ping, ...pingArgs(probe)],
    { timeoutMs: PING_KILL_AFTER_MS },
  );
  if (output.spawnError) return { result: "local-error", detail: `harness: ${output.spawnError}` };
  if (output.timedOut) return { result: "timeout", detail: "ping did not stop by itself" };
  return classifyPingOutput(output.stdout, output.stderr);
}
