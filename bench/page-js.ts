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
import { existsSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { io } from "socket.io-client";
import { CHROMIUM, CHROMIUM_ARGS, kb, startAppServer } from "./app-server";

const ROOT = join(import.meta.dirname, "..");
const LEVEL = "svc-reach-service-b";
const HOST = "node1";


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
  const server = await startAppServer();
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
