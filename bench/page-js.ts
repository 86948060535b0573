/**
 * The JavaScript the play page loads, gzipped, computed as bench/play.ts computes figure (a)
 * (every script response once the terminal shows its prompt, each gzipped with zlib), for the
 * plain play page and, when the build has it, the classroom play page. Faster than the whole
 * bench: no timing runs. Starts the server itself and stops it by its PID.
 *
 *   NODE_ENV=production node --import tsx bench/page-js.ts      (PAGE_JS_LIST=1: each script too)
 *
 * For /class/play it signs up an instructor, creates and starts a class with the same level and
 * joins it as a student (HTTP API and a socket.io client), then loads the page with that cookie.
 * Prints figures, never pass/fail.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { io } from "socket.io-client";

const ROOT = join(import.meta.dirname, "..");
const LEVEL = "svc-reach-service-b";
const HOST = "node1";
const CHROMIUM = process.env.PODPATH_CHROMIUM ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function startServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "podpath-pagejs-"));
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), HOST: "127.0.0.1", PODPATH_DB: join(dir, "bench.sqlite") },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.pid !== undefined) {
      process.kill(child.pid, "SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 60_000; ; ) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error("the server did not answer within 60 s");
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, stop };
}

/** gzip of every script the page loads until the terminal is ready and no new script came for 750 ms. */
async function pageJs(context: BrowserContext, url: string): Promise<{ count: number; gzip: number }> {
  const page = await context.newPage();
  const sizes: Promise<number>[] = [];
  page.on("response", (r) => {
    if (r.request().resourceType() !== "script") return;
    const path = new URL(r.url()).pathname;
    sizes.push(
      r.body().then((b) => {
        const gzip = gzipSync(b).length;
        if (process.env.PAGE_JS_LIST) console.log(`    ${kb(gzip).padStart(9)}  ${path}`);
        return gzip;
      }),
    );
  });
  await page.goto(url, { waitUntil: "load" });
  await page.locator(`[data-testid="terminal-${HOST}"] .xterm-rows`).getByText(`root@${HOST}:~#`).first().waitFor({ timeout: 30_000 });
  for (let settled = -1; settled !== sizes.length; ) {
    settled = sizes.length;
    await page.waitForTimeout(750);
  }
  const all = await Promise.all(sizes);
  await page.close();
  return { count: all.length, gzip: all.reduce((s, x) => s + x, 0) };
}

async function post(url: string, path: string, body: unknown, cookie = ""): Promise<{ status: number; cookie: string; body: any }> {
  const r = await fetch(url + path, { method: "POST", headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
  return { status: r.status, cookie: r.headers.getSetCookie().map((c) => c.split(";")[0]).join("; "), body: await r.json() };
}

/** A running class with LEVEL and a student in it: the student's pp_student cookie value. */
async function classStudent(url: string): Promise<string | undefined> {
  const signup = await post(url, "/api/auth/signup", { email: `bench-${Date.now()}@example.org`, password: "bench-password-1" });
  const made = await post(url, "/api/classes", { title: "bench", levelIds: [LEVEL] }, signup.cookie);
  if (made.status !== 201) return undefined;
  const socket = io(url, { transports: ["websocket"], extraHeaders: { cookie: signup.cookie }, forceNew: true, reconnection: false });
  await socket.timeout(10_000).emitWithAck("pp", { v: 1, type: "class.start", classId: made.body.class.id });
  socket.close();
  const joined = await post(url, "/api/join", { code: made.body.class.code, nickname: "bench" });
  return /pp_student=([^;]+)/.exec(joined.cookie)?.[1];
}

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, ".next", "BUILD_ID"))) throw new Error("build first: npx next build");
  const server = await startServer();
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const plain = await browser.newContext();
    const play = await pageJs(plain, `${server.url}/play/${LEVEL}`);
    console.log(`/play/${LEVEL}        ${String(play.count).padStart(2)} scripts  ${kb(play.gzip)} gzip (${play.gzip} bytes)`);
    await plain.close();
    const token = await classStudent(server.url);
    const built = existsSync(join(ROOT, ".next", "server", "app", "class"));
    if (!token || !built) return console.log("/class/play: not in this build");
    const student = await browser.newContext();
    await student.addCookies([{ name: "pp_student", value: token, url: server.url }]);
    const klass = await pageJs(student, `${server.url}/class/play/${LEVEL}`);
    console.log(`/class/play/${LEVEL}  ${String(klass.count).padStart(2)} scripts  ${kb(klass.gzip)} gzip (${klass.gzip} bytes)`);
    await student.close();
  } finally {
    await browser?.close();
    await server.stop();
  }
}

await main();
