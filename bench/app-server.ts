/**
 * The built app's server for the browser benches (bench/play.ts, bench/page-js.ts): one
 * process on a free port with a temp database, stopped by its PID. Needs `npx next build`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { removeDir, stopChild, trackChild, trackDir } from "./child-processes";

const ROOT = join(import.meta.dirname, "..");

export const CHROMIUM = process.env.PODPATH_CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface AppServer {
  readonly child: ChildProcess;
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts `server/main.ts` in production and waits until it answers (60 s at most). */
export async function startAppServer(): Promise<AppServer> {
  const port = await freePort();
  const dir = trackDir(mkdtempSync(join(tmpdir(), "podpath-bench-")));
  const child = trackChild(spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), HOST: "127.0.0.1", PODPATH_DB: join(dir, "bench.sqlite") },
    stdio: ["ignore", "pipe", "pipe"],
  }));
  let log = "";
  child.stdout!.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child);
    removeDir(dir);
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${log}`);
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer within 60 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, url, stop };
}
