/**
 * npm run bench:play: the play screen as a player gets it, in Debian's Chromium against the
 * production build. Starts the server itself (one process, a free port, a temp database) and
 * stops it by its PID at the end. Prints figures and ratios against baselines measured in the
 * same run; never pass/fail.
 *
 *   (a) the JavaScript the play page loads, gzipped, against the landing page's; target ≤ 300 KB
 *   (b) navigation → a typed command ticks the goals (the browser's engine); target < 1 s,
 *       against a bare load of the landing page
 *   (c) Enter → the server's confirmation (data-server), against a bare socket.io round trip
 *
 * Needs a build (`npx next build`, or `npm start` once).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type Page } from "playwright-core";
import { io } from "socket.io-client";
import { EVENT } from "../game/protocol";
import { CHROMIUM, CHROMIUM_ARGS, kb, startAppServer } from "./app-server";
import { median } from "./stats";

const ROOT = join(import.meta.dirname, "..");
const LEVEL = "svc-reach-service-b";
const HOST = "node1";
const LINE = "iptables -t nat -A PREROUTING -d 10.96.0.20/32 -p tcp --dport 80 -j DNAT --to-destination 10.244.0.3:8080";
const GOAL = "a-reaches-b";
const RUNS = Number(process.env.BENCH_PLAY_RUNS ?? 7);

const ms = (x: number) => (x < 1000 ? `${x.toFixed(1)} ms` : `${(x / 1000).toFixed(2)} s`);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;


/** Every script the page loads (dynamic imports included, once `ready` resolves): raw, gzipped by us, and as sent. */
/** Words that tell which library a chunk mostly holds, for the per-script listing. */
const HINTS: readonly [string, RegExp][] = [
  ["react-dom", /__reactFiber|__reactProps/],
  ["next router", /next-router|__next_f|app-router/],
  ["xterm", /xterm-helper-textarea|xterm-accessibility/],
  ["socket.io", /engine\.io|socket\.io/],
  ["zod", /ZodError|\$ZodType|zod/],
  ["xstate", /xstate\.|xstate/],
  ["engine", /KUBE-SERVICES|Nexthop has invalid gateway|conntrack/],
];

interface Script {
  readonly url: string;
  readonly raw: number;
  readonly gzip: number;
  readonly wire: number;
  readonly hints: string;
}

async function scriptsOf(browser: Browser, url: string, ready: (page: Page) => Promise<void>): Promise<{ count: number; raw: number; gzip: number; wire: number; scripts: Script[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bodies: Promise<Script>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    bodies.push(
      (async () => {
        const body = await response.body();
        const sizes = await response.request().sizes();
        const text = body.toString("utf8");
        const hints = HINTS.filter(([, re]) => re.test(text)).map(([name]) => name).join(", ");
        return { url: new URL(response.url()).pathname, raw: body.length, gzip: gzipSync(body).length, wire: sizes.responseBodySize, hints };
      })(),
    );
  });
  await page.goto(url, { waitUntil: "load" });
  await ready(page);
  // Not "networkidle": Next's prefetches of links to pages not built yet (404) never settle in Chromium.
  let settled = bodies.length;
  for (;;) {
    await page.waitForTimeout(750);
    if (bodies.length === settled) break;
    settled = bodies.length;
  }
  const all = await Promise.all(bodies);
  await context.close();
  return { count: all.length, raw: all.reduce((s, x) => s + x.raw, 0), gzip: all.reduce((s, x) => s + x.gzip, 0), wire: all.reduce((s, x) => s + x.wire, 0), scripts: all.sort((a, b) => b.gzip - a.gzip) };
}

async function terminalReady(page: Page): Promise<void> {
  await page.locator(`[data-testid="terminal-${HOST}"] .xterm-rows`).getByText(`root@${HOST}:~#`).first().waitFor({ timeout: 30_000 });
}

/**
 * Marks, in the page's own clock (ms since navigation started): the prompt first shown, Enter
 * pressed, the goal's local mark turning pass, and its server mark turning pass.
 */
const MARKS_SCRIPT = `(() => {
  const marks = (window.__ppMarks = {});
  const at = () => performance.now();
  document.addEventListener("keydown", (e) => { if (e.key === "Enter" && marks.enter === undefined) marks.enter = at(); }, true);
  const check = () => {
    if (marks.goals === undefined && document.querySelector('[data-testid="goal-${GOAL}"]')) marks.goals = at();
    if (marks.ready === undefined) {
      const rows = document.querySelector('[data-testid="terminal-${HOST}"] .xterm-rows');
      if (rows && rows.textContent.includes("root@${HOST}:~#")) marks.ready = at();
    }
    const goal = document.querySelector('[data-testid="goal-${GOAL}"]');
    if (goal && marks.enter !== undefined) {
      if (marks.local === undefined && goal.getAttribute("data-local") === "pass") marks.local = at();
      if (marks.server === undefined && goal.getAttribute("data-server") === "pass") marks.server = at();
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["data-local", "data-server"] });
})();`;

interface PlayRun {
  /** DOMContentLoaded and load, from the navigation timing entry. */
  readonly dcl: number;
  readonly load: number;
  /** The goals panel first shown: the attempt is open and judged in the browser. */
  readonly goals: number;
  readonly ready: number;
  readonly local: number;
  readonly enterToLocal: number;
  readonly enterToServer: number;
  readonly typing: number;
}

/** One fresh player: open the level, type the solution, wait for the server's confirmation. */
async function playOnce(browser: Browser, url: string): Promise<PlayRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.addInitScript(MARKS_SCRIPT);
  await page.goto(`${url}/play/${LEVEL}`);
  await terminalReady(page);
  await page.locator(`[data-testid="terminal-${HOST}"] .xterm-helper-textarea`).focus();
  // insertText hands the whole line to xterm at once, so the robot's typing speed stays out of the figure.
  const t0 = await page.evaluate(() => performance.now());
  await page.keyboard.insertText(LINE);
  await page.keyboard.press("Enter");
  await page.locator(`[data-testid="goal-${GOAL}"][data-server="pass"]`).waitFor({ timeout: 30_000 });
  const m = (await page.evaluate("window.__ppMarks")) as { goals: number; ready: number; enter: number; local: number; server: number };
  const nav = await page.evaluate(() => {
    const n = window.performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    return { dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd };
  });
  await context.close();
  return { ...nav, goals: m.goals, ready: m.ready, local: m.local, enterToLocal: m.local - m.enter, enterToServer: m.server - m.enter, typing: m.enter - t0 };
}

/** The landing page, bare: navigation to the load event, in the page's clock. */
async function landingLoad(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });
  const t = await page.evaluate(() => (window.performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd);
  await context.close();
  return t;
}

/** A socket.io round trip that does no work: a message the server rejects at validation, with its ack. */
async function socketRoundTrips(url: string, n: number): Promise<number[]> {
  const cookie = (await fetch(url)).headers.get("set-cookie")?.split(";")[0] ?? "";
  const socket = io(url, { transports: ["websocket"], extraHeaders: { cookie }, forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  const samples: number[] = [];
  for (let i = 0; i < n + 5; i++) {
    const t0 = performance.now();
    await socket.timeout(5000).emitWithAck(EVENT, { v: 1, type: "nothing" });
    if (i >= 5) samples.push(performance.now() - t0);
  }
  socket.close();
  return samples;
}

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, ".next", "BUILD_ID"))) {
    console.error("bench:play needs the production build: run `npx next build` (or `npm start` once) first");
    process.exit(1);
  }
  console.log(`PodPath play bench: Chromium (${CHROMIUM}) against the production build, ${RUNS} fresh players`);
  const server = await startAppServer();
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    console.log(`  server: ${server.url} (pid ${server.child.pid}), ${browser.version()}`);

    // (a) JavaScript sent.
    const landing = await scriptsOf(browser, server.url, async () => {});
    const play = await scriptsOf(browser, `${server.url}/play/${LEVEL}`, terminalReady);
    console.log("\n(a) JavaScript loaded, all script resources (dynamic imports included)");
    console.log(`  landing page /          ${String(landing.count).padStart(2)} scripts  ${kb(landing.raw).padStart(9)} raw  ${kb(landing.gzip).padStart(8)} gzip  ${kb(landing.wire).padStart(8)} on the wire`);
    console.log(`  play page /play/${LEVEL}  ${String(play.count).padStart(2)} scripts  ${kb(play.raw).padStart(9)} raw  ${kb(play.gzip).padStart(8)} gzip  ${kb(play.wire).padStart(8)} on the wire`);
    console.log(`  play page gzip: ${kb(play.gzip)} (target ≤ 300 KB); ${ratio(play.gzip, landing.gzip)} the landing page's`);
    const shared = new Set(landing.scripts.map((x) => x.url));
    console.log("  the play page's scripts, largest first (gzip; * = also loaded by the landing page; what each mentions):");
    for (const x of play.scripts) console.log(`    ${kb(x.gzip).padStart(8)}  ${shared.has(x.url) ? "*" : " "} ${x.url}${x.hints ? `  (${x.hints})` : ""}`);

    // Baselines for (b) and (c).
    await landingLoad(browser, server.url); // warm the server's and Next's caches
    const loads: number[] = [];
    for (let i = 0; i < RUNS; i++) loads.push(await landingLoad(browser, server.url));
    const rtts = await socketRoundTrips(server.url, 50);

    // (b) and (c): fresh players solving the level.
    const runs: PlayRun[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await playOnce(browser, server.url));
    const first = runs[0]!;
    const med = (f: (r: PlayRun) => number) => median(runs.map(f));
    const landingMs = median(loads);
    const rttMs = median(rtts);

    console.log("\n(b) navigation → a typed command ticks the goals (the browser's engine)");
    console.log(`  navigation → DOMContentLoaded      median ${ms(med((r) => r.dcl)).padStart(9)}  (first player ${ms(first.dcl)})`);
    console.log(`  navigation → load event            median ${ms(med((r) => r.load)).padStart(9)}  (first player ${ms(first.load)})`);
    console.log(`  navigation → goals shown (attempt open, judged here)  median ${ms(med((r) => r.goals))}  (first player ${ms(first.goals)})`);
    console.log(`  navigation → terminal prompt       median ${ms(med((r) => r.ready)).padStart(9)}  (first player ${ms(first.ready)})`);
    console.log(`  Enter → local goal tick            median ${ms(med((r) => r.enterToLocal)).padStart(9)}  (first player ${ms(first.enterToLocal)})`);
    const tick = (r: PlayRun) => r.ready + r.enterToLocal;
    console.log(`  navigation → local goal tick       median ${ms(med(tick)).padStart(9)}  (first player ${ms(tick(first))}; target < 1 s): prompt shown, then Enter → tick`);
    console.log(`    as driven by the robot           median ${ms(med((r) => r.local)).padStart(9)}  (adds Playwright's own steps between prompt and Enter, ${ms(med((r) => r.typing))} of them to hand the line to xterm)`);
    console.log(`  baseline: landing page load        median ${ms(landingMs).padStart(9)}  → navigation → tick is ${ratio(med(tick), landingMs)} a bare page load`);

    console.log("\n(c) Enter → the server's confirmation (data-server)");
    console.log(`  Enter → server confirms            median ${ms(med((r) => r.enterToServer)).padStart(9)}  (first player ${ms(first.enterToServer)})`);
    console.log(`  baseline: bare socket.io round trip median ${ms(rttMs).padStart(8)}  → confirmation is ${ratio(med((r) => r.enterToServer), rttMs)} a bare round trip`);
    console.log(`  server confirmation after local tick: median ${ms(med((r) => r.enterToServer - r.enterToLocal))}`);
  } finally {
    await browser?.close();
    await server.stop();
  }
}

await main();
