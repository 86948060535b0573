/**
 * The real server as a child process (`node --import tsx server/main.ts`), on a given port and
 * database file, by default without the Next app (PODPATH_NO_NEXT=1: another `next dev` in the
 * same folder would refuse to start, and Next adds nothing to what the restart test checks).
 * Killed by its PID only.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { projectRoot } from "../../server/db/location";

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything it printed, for failure messages. */
  output(): string;
  /** SIGKILL by PID, and wait until it is gone. */
  kill9(): Promise<void>;
  /** SIGTERM by PID, and wait until it is gone. */
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * `withNext` serves the pages too, from the production build (`npx next build` first), for
 * browser tests that restart the server themselves.
 */
export async function startServerProcess(port: number, dbFile: string, env: Record<string, string> = {}, withNext = false): Promise<ServerProcess> {
  const root = projectRoot();
  const pages: Partial<NodeJS.ProcessEnv> = withNext ? { NODE_ENV: "production", PODPATH_NO_NEXT: "0" } : { PODPATH_NO_NEXT: "1" };
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "server", "main.ts")], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", PODPATH_DB: dbFile, ...pages, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within 60 s:\n${output}`)), 60_000);
    const check = () => {
      if (output.includes(`podpath: http://localhost:${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening:\n${output}`));
    });
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, signal);
    await exited;
  };
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, kill9: () => end("SIGKILL"), stop: () => end("SIGTERM") };
}
