/**
 * bench/child-processes.ts: what a bench starts is gone when the bench ends, however it ends
 * (short of SIGKILL). Runs tests/bench/child-processes-fixture.ts as the "bench".
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const FIXTURE = join(import.meta.dirname, "child-processes-fixture.ts");

interface Run {
  readonly lines: Record<string, unknown>[];
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Runs the fixture; `signal` is sent once it has printed its child and directory. */
function runFixture(how: string, signal?: NodeJS.Signals): Promise<Run> {
  const bench = spawn(process.execPath, ["--import", "tsx", FIXTURE, how], { stdio: ["ignore", "pipe", "pipe"] });
  const lines: Record<string, unknown>[] = [];
  let text = "";
  bench.stdout!.on("data", (d: Buffer) => {
    text += d.toString();
    let nl: number;
    while ((nl = text.indexOf("\n")) >= 0) {
      lines.push(JSON.parse(text.slice(0, nl)) as Record<string, unknown>);
      text = text.slice(nl + 1);
      if (lines.length === 1 && signal) bench.kill(signal);
    }
  });
  return new Promise((resolve) => bench.once("close", (code, sig) => resolve({ lines, code, signal: sig })));
}

/** Running or sleeping: not gone, and not a zombie (dead, waiting for init to reap it once its parent is gone). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/**
 * Whether the child is gone and the directory removed, within 2.5 s (a signal takes a moment to
 * land). Whatever is left is then killed (by its PID) and removed, so a failing test leaves nothing.
 */
async function cleanedUp(run: Run): Promise<{ childGone: boolean; dirGone: boolean }> {
  const { pid, dir } = run.lines[0] as { pid: number; dir: string };
  for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  const found = { childGone: !alive(pid), dirGone: !existsSync(dir) };
  if (!found.childGone) process.kill(pid, "SIGKILL");
  if (!found.dirGone) rmSync(dir, { recursive: true, force: true });
  return found;
}

describe("what a bench started", () => {
  it("is stopped and removed by the run itself: stopChild ends the child, removeDir the directory", async () => {
    const run = await runFixture("stop");
    const found = await cleanedUp(run);
    expect(run.code).toBe(0);
    expect(run.lines[1]).toEqual({ exitCode: null, signal: "SIGTERM" });
    expect(found).toEqual({ childGone: true, dirGone: true });
  });

  it("is killed and removed when the bench dies of an uncaught error", async () => {
    const run = await runFixture("throw");
    const found = await cleanedUp(run);
    expect(run.code).toBe(1);
    expect(found).toEqual({ childGone: true, dirGone: true });
  });

  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    it(`is killed and removed when the bench gets ${signal}, which exits with ${code}`, async () => {
      const run = await runFixture("wait", signal);
      const found = await cleanedUp(run);
      expect(run.code).toBe(code);
      expect(found).toEqual({ childGone: true, dirGone: true });
    });
  }
});
