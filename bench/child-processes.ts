/**
 * The servers and temporary directories a bench starts. Each run stops and removes its own
 * (stopChild, removeDir); if the bench ends first (an uncaught error, a closed stdout, Ctrl-C,
 * SIGTERM), the exit hook kills those still running, by PID, and removes the directories, so no
 * server is left running and no database left behind. Only a SIGKILL of the bench leaves them.
 */
import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";

const children = new Set<ChildProcess>();
const dirs = new Set<string>();
let hooked = false;

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on("exit", () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  // A signal's default action would end the bench without the exit hook.
  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) process.on(signal, () => process.exit(code));
}

/** `child`, killed at the bench's exit unless stopChild stopped it first. */
export function trackChild<T extends ChildProcess>(child: T): T {
  hookExit();
  children.add(child);
  return child;
}

/** `dir`, removed at the bench's exit unless removeDir removed it first. */
export function trackDir(dir: string): string {
  hookExit();
  dirs.add(dir);
  return dir;
}

/** SIGTERM, and SIGKILL if it has not exited 10 s later; resolves once it has exited. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(child.pid, "SIGTERM");
    const force = setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(force);
  }
  children.delete(child);
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  dirs.delete(dir);
}
