/**
 * Runs one program to completion under a time limit and collects its output. The process is
 * tracked by PID and SIGKILLed when the limit passes, so no command can hang a run.
 */
import type { TrackedProcesses } from "./tracked-processes";

export interface CommandOutput {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  /** spawn(2) itself failed (e.g. ENOENT). */
  readonly spawnError?: string;
}

export interface RunCommandOptions {
  readonly stdin?: string;
  readonly timeoutMs: number;
}

const MAX_OUTPUT_CHARS = 1_000_000;

export function runCommand(processes: TrackedProcesses, argv: readonly string[], options: RunCommandOptions): Promise<CommandOutput> {
  return new Promise((resolve) => {
    const child = processes.spawn(argv);
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      if (stdout.length < MAX_OUTPUT_CHARS) stdout += chunk;
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      if (stderr.length < MAX_OUTPUT_CHARS) stderr += chunk;
    });
    // A command that does not read its input closes the pipe early: EPIPE is not an error here.
    child.stdin?.on("error", () => {});
    child.stdin?.end(options.stdin ?? "");
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
      // 'close' waits for the pipes; settle even if something else still holds them.
      setTimeout(() => settle(null), 1000);
    }, options.timeoutMs);
    let settled = false;
    const settle = (exitCode: number | null, spawnError?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ exitCode, stdout, stderr, timedOut, ...(spawnError ? { spawnError } : {}) });
    };
    // 'exit' may not follow a spawn failure (Node child_process docs), so 'error' settles too.
    child.once("error", (error) => settle(null, error.message));
    child.once("close", (exitCode) => settle(exitCode));
  });
}
