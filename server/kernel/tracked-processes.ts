/**
 * Every process a kernel run spawns, by PID, so cleanup can kill exactly those and nothing else
 * (never by name: other runs and other users' processes share the machine).
 */
import { spawn, type ChildProcess } from "node:child_process";

export class TrackedProcesses {
  private readonly live = new Map<number, ChildProcess>();

  /** Spawns argv (no shell) and tracks it until it exits. */
  spawn(argv: readonly string[]): ChildProcess {
    const [file, ...args] = argv;
    if (file === undefined) throw new Error("spawn: empty argv");
    const child = spawn(file, args, { stdio: ["pipe", "pipe", "pipe"], shell: false });
    const pid = child.pid;
    if (pid !== undefined) {
      this.live.set(pid, child);
      child.once("exit", () => this.live.delete(pid));
    }
    return child;
  }

  pids(): number[] {
    return [...this.live.keys()];
  }

  /** SIGKILL every tracked process that is still running. Synchronous, so signal handlers can use it. */
  killAll(): void {
    for (const [pid, child] of this.live) {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // ESRCH: it exited between the check and the kill.
        }
      }
    }
  }

  /** Kills every tracked process and waits (bounded) until each has exited. */
  async killAllAndWait(timeoutMs = 3000): Promise<void> {
    const exits = [...this.live.values()].map(
      (child) => new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve();
        else child.once("exit", () => resolve());
      }),
    );
    this.killAll();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.all(exits), deadline]);
    clearTimeout(timer);
  }
}
