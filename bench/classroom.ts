/**
 * npm run bench:classroom [-- --students 2000 --rate 1 --warmup 10 --seconds 30 --level pod-eth0-bringup]
 *
 * N students (socket.io clients in a separate process) each send real commands from the
 * solution of their own variant of a level (solution-lines.ts), solving it, at R a second
 * (attempt.reset after the last line, and again), while an instructor watches the dashboard.
 * Prints the share of last lines that solved the level, p50/p99 command -> verdict ack, p99 command ->
 * dashboard push, the server's CPU and RSS, and the same for a bare socket.io echo server in the
 * same run, with ratios. Also how long the server's and the load process's threads spent
 * runnable but waiting for a CPU (summed over threads, in % of the measured time: 50 % is half
 * a thread waiting all along), and how busy the machine was (proc-stats.ts). Figures, not
 * pass/fail; targets (2 cores): 2,000 students at 1/s, verdict p99 <= 50 ms, dashboard p99 <= 100 ms.
 *
 * BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" profiles the server (a profile per
 * thread), BENCH_LOAD_NODE_ARGS the load process (after LOAD_NODE_ARGS, so a flag given
 * there wins); BENCH_SERVER_LOG=1 passes the server's stderr through; BENCH_SERVER_STDOUT=FILE
 * writes its stdout to FILE (with BENCH_SERVER_NODE_ARGS=--trace-gc-nvp: a line per
 * collection, per thread);
 * BENCH_LATENCY_FILE=FILE writes a line per measured PodPath message: when it was sent (epoch ms),
 * its ack's latency (ms), and its step (line1, line2, ..., reset).
 */
import { fork, spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { io as connect } from "socket.io-client";
import { projectRoot } from "../server/db/location";
import { freePort } from "./app-server";
import { removeDir, stopChild, trackChild, trackDir } from "./child-processes";
import type { LoadConfig, LoadMessage, LoadResult } from "./classroom-load";
import { machineShares, machineTimes, procCpuMs, procRssMb, procRunQueueWaitMs, type MachineTimes } from "./proc-stats";
import { solutionLinesOf } from "./solution-lines";

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ""), process.argv[i + 1] ?? "");
const STUDENTS = Number(args.get("students") ?? 2000);
const RATE = Number(args.get("rate") ?? 1);
const WARMUP = Number(args.get("warmup") ?? 10);
const SECONDS = Number(args.get("seconds") ?? 30);
const LEVEL = args.get("level") ?? "pod-eth0-bringup";
const ONLY = args.get("only"); // "podpath" or "echo"
const ROOT = projectRoot();

interface Figures {
  readonly load: LoadResult;
  readonly cpuPercent: number;
  readonly rssMb: number;
  readonly rssMaxMb: number;
  /** The server's threads' time runnable but waiting for a CPU, summed, in % of the measured time. */
  readonly serverWaitPercent: number;
  /** The machine's busy and stolen time over the measured window, in % of all its CPUs. */
  readonly machineBusyPercent: number;
  readonly stealPercent: number;
}

/** Extra node flags for a child process, from an environment variable (space-separated). */
function nodeArgsOf(variable: string): string[] {
  return (process.env[variable] ?? "").split(" ").filter(Boolean);
}

function waitForLine(child: ChildProcess, text: string, what: string): Promise<void> {
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${output}`)), 60_000);
    child.stdout!.on("data", (d: Buffer) => {
      output += d.toString();
      if (output.includes(text)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    child.once("exit", (code) => reject(new Error(`${what} exited (${code}):\n${output}`)));
  });
}

function post(url: string, path: string, body: unknown, cookie = ""): Promise<{ status: number; json: any; cookies: string[] }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url + path, { method: "POST", headers: { "content-type": "application/json", cookie } }, (res) => {
      let text = "";
      res.on("data", (d: Buffer) => (text += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : undefined, cookies: (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]!) }));
    });
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

/** Signs up, creates a class with the level, starts it; the instructor's cookie and the class. */
async function setUpClass(url: string): Promise<{ cookie: string; classId: string; code: string }> {
  const signed = await post(url, "/api/auth/signup", { email: `bench-${Date.now()}@bench.example`, password: "bench password 123" });
  const cookie = signed.cookies.join("; ");
  const made = await post(url, "/api/classes", { title: "bench", levelIds: [LEVEL] }, cookie);
  if (made.status !== 201) throw new Error(`class: ${made.status} ${JSON.stringify(made.json)}`);
  const socket = connect(url, { transports: ["websocket"], extraHeaders: { cookie }, forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  const started = await socket.emitWithAck("pp", { v: 1, type: "class.start", classId: made.json.class.id });
  socket.close();
  if (!started.ok) throw new Error(`start: ${started.error}`);
  return { cookie, classId: made.json.class.id, code: made.json.class.code };
}

/**
 * The load process's collector, sized for one process standing in for thousands of browsers.
 * With V8's defaults it ran a full mark-compact every 1-4 s (a live heap of about 43 MB, each
 * time about 5 MB more), each a 10-37 ms pause plus marking on V8's helper threads, on the same
 * two cores as the server it measures. A larger young generation and a first old-generation
 * limit of 1 GB leave no full collection within a run (it grows about 1.6 MB a second); the
 * load process then used 28-29% of a core instead of 33-35% (server/classroom/README.md,
 * Performance). The echo server's run uses the same load process, so the ratios stay fair.
 */
const LOAD_NODE_ARGS = ["--max-semi-space-size=64", "--initial-old-space-size=1024"];

async function measure(serverPid: number, config: LoadConfig): Promise<Figures> {
  const child = trackChild(fork(join(ROOT, "bench", "classroom-load.ts"), [], { execArgv: [...LOAD_NODE_ARGS, ...nodeArgsOf("BENCH_LOAD_NODE_ARGS"), "--import", "tsx"], env: { ...process.env, BENCH_LOAD: JSON.stringify(config) }, stdio: ["ignore", "inherit", "inherit", "ipc"] }));
  let cpu0 = 0;
  let wall0 = 0;
  let wait0 = 0;
  let machine0: MachineTimes | undefined;
  let measured: Omit<Figures, "load" | "rssMb" | "rssMaxMb"> | undefined;
  let rssMax = 0;
  const sampler = setInterval(() => {
    try {
      rssMax = Math.max(rssMax, procRssMb(serverPid));
    } catch {
      // the server is gone; the load process will report the errors
    }
  }, 250);
  try {
    const load = await new Promise<LoadResult>((resolve, reject) => {
      const onMessage = (m: LoadMessage): void => {
        if (m.type === "ready") process.stdout.write(`  ${config.students} clients connected; warming up ${WARMUP} s\n`);
        if (m.type === "measuring") {
          cpu0 = procCpuMs(serverPid);
          wait0 = procRunQueueWaitMs(serverPid);
          machine0 = machineTimes();
          wall0 = performance.now();
          rssMax = procRssMb(serverPid);
          process.stdout.write(`  measuring ${SECONDS} s\n`);
        }
        if (m.type === "measured") {
          const wall = performance.now() - wall0;
          const shares = machineShares(machine0!, machineTimes());
          measured = {
            cpuPercent: ((procCpuMs(serverPid) - cpu0) / wall) * 100,
            serverWaitPercent: ((procRunQueueWaitMs(serverPid) - wait0) / wall) * 100,
            machineBusyPercent: shares.busyPercent,
            stealPercent: shares.stealPercent,
          };
        }
        if (m.type === "done") resolve(m.result);
        if (m.type === "failed") reject(new Error(m.error));
      };
      child.on("message", (m: LoadMessage) => {
        try {
          onMessage(m);
        } catch (error) {
          // /proc has no such process: the server stopped during the run.
          reject(new Error(`could not read the server's figures: ${(error as Error).message}`));
        }
      });
      // After "done" this rejects nothing (the promise is settled); before it, the results are lost.
      child.once("exit", (code, signal) => reject(new Error(`the load process exited (${code ?? signal}) without its results`)));
    });
    if (!measured) throw new Error("the load process reported its results before the end of its measured window");
    // The sampler reads every 250 ms; the reading at the end counts towards the maximum too.
    const rssMb = procRssMb(serverPid);
    return { load, ...measured, rssMb, rssMaxMb: Math.max(rssMax, rssMb) };
  } finally {
    clearInterval(sampler);
    await stopChild(child);
  }
}

async function podpathRun(): Promise<Figures> {
  const dir = trackDir(mkdtempSync(join(tmpdir(), "podpath-bench-")));
  const port = await freePort();
  const nodeArgs = nodeArgsOf("BENCH_SERVER_NODE_ARGS");
  const server = trackChild(spawn(process.execPath, [...nodeArgs, "--import", "tsx", join(ROOT, "server", "main.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PODPATH_NO_NEXT: "1",
      PORT: String(port),
      HOST: "127.0.0.1",
      PODPATH_DB: join(dir, "bench.sqlite"),
      PODPATH_JOINS_BURST: "1000000",
      PODPATH_JOINS_PER_SECOND: "1000000",
      PODPATH_STUDENT_COMMANDS_BURST: "1000",
      PODPATH_SIGNINS_BURST: "1000",
      PODPATH_MAX_STUDENTS: String(STUDENTS + 10),
    },
    stdio: ["ignore", "pipe", "pipe"],
  }));
  // What the server said, to show with a failure (its errors name the cause).
  let log = "";
  if (process.env.BENCH_SERVER_STDOUT) server.stdout!.pipe(createWriteStream(process.env.BENCH_SERVER_STDOUT));
  server.stderr!.on("data", (d: Buffer) => { log = (log + d.toString()).slice(-4000); if (process.env.BENCH_SERVER_LOG) process.stderr.write(d); });
  try {
    await waitForLine(server, "podpath: http://", "the PodPath server");
    const url = `http://127.0.0.1:${port}`;
    const klass = await setUpClass(url);
    return await measure(server.pid!, { url, mode: "podpath", students: STUDENTS, rate: RATE, warmupS: WARMUP, measureS: SECONDS, levelId: LEVEL, code: klass.code, classId: klass.classId, instructorCookie: klass.cookie });
  } catch (error) {
    if (log) console.error(`the PodPath server's last errors:\n${log}`);
    throw error;
  } finally {
    await stopChild(server);
    removeDir(dir);
  }
}

async function echoRun(): Promise<Figures> {
  const port = await freePort();
  const server = trackChild(spawn(process.execPath, ["--import", "tsx", join(ROOT, "bench", "echo-server.ts"), String(port)], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] }));
  try {
    await waitForLine(server, "echo: listening", "the echo server");
    return await measure(server.pid!, { url: `http://127.0.0.1:${port}`, mode: "echo", students: STUDENTS, rate: RATE, warmupS: WARMUP, measureS: SECONDS, levelId: LEVEL });
  } finally {
    await stopChild(server);
  }
}

function pct(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1))]!;
}

const ms = (x: number) => (Number.isNaN(x) ? "-" : x < 10 ? `${x.toFixed(2)} ms` : `${x.toFixed(0)} ms`);

/** Where PodPath's slow acks are: by step of the loop, and by second of the run (the students move in step, see classroom-load.ts). */
function reportSpread(load: LoadResult): void {
  const byLine = Array.from({ length: lineCount }, (_, i) => load.commandMs.filter((_, k) => load.commandLine[k] === i));
  const steps = byLine.map((xs, i) => `line ${i + 1} ${ms(pct(xs, 99))}`).join(", ");
  console.log(`\n  PodPath verdict ack p99 by step: ${steps}, attempt.reset ${ms(pct(load.resetMs, 99))}`);
  const bySecond = new Map<number, number[]>();
  const start = load.commandAt.reduce((a, b) => Math.min(a, b), Infinity);
  load.commandAt.forEach((at, k) => {
    const second = Math.floor((at - start) / 1000);
    if (!bySecond.has(second)) bySecond.set(second, []);
    bySecond.get(second)!.push(load.commandMs[k]!);
  });
  const p99s = [...bySecond.values()].filter((xs) => xs.length >= 100).map((xs) => pct(xs, 99));
  console.log(`  PodPath verdict ack p99 of each second with 100 commands or more: best ${ms(pct(p99s, 0))}, median ${ms(pct(p99s, 50))}, worst ${ms(pct(p99s, 100))} (${p99s.length} seconds)`);
}

function writeLatencies(file: string, load: LoadResult): void {
  const rows = [
    ...load.commandMs.map((x, k) => ({ at: load.commandAt[k]!, ms: x, step: `line${load.commandLine[k]! + 1}` })),
    ...load.resetMs.map((x, k) => ({ at: load.resetAt[k]!, ms: x, step: "reset" })),
  ].sort((a, b) => a.at - b.at);
  writeFileSync(file, rows.map((r) => `${r.at.toFixed(1)} ${r.ms.toFixed(2)} ${r.step}\n`).join(""));
}

function report(podpath: Figures | undefined, echo: Figures | undefined): void {
  const rows: [string, (f: Figures) => number, (x: number) => string][] = [
    ["command -> verdict ack, p50", (f) => pct(f.load.commandMs, 50), ms],
    ["command -> verdict ack, p99", (f) => pct(f.load.commandMs, 99), ms],
    ["command -> verdict ack, max", (f) => pct(f.load.commandMs, 100), ms],
    ["attempt.reset ack, p99", (f) => pct(f.load.resetMs, 99), ms],
    ["command -> dashboard push, p50", (f) => pct(f.load.dashboardMs, 50), ms],
    ["command -> dashboard push, p99", (f) => pct(f.load.dashboardMs, 99), ms],
    ["acknowledged messages / s", (f) => f.load.acked / (f.load.windowMs / 1000), (x) => x.toFixed(0)],
    ["ticks skipped (previous unanswered)", (f) => f.load.skipped, (x) => x.toFixed(0)],
    ["errors", (f) => f.load.errors, (x) => x.toFixed(0)],
    ["last lines that solved the level", (f) => f.load.solved / (f.load.solved + f.load.unsolved), (x) => (Number.isNaN(x) ? "-" : `${(x * 100).toFixed(1)} %`)],
    ["server CPU (% of one core)", (f) => f.cpuPercent, (x) => `${x.toFixed(0)} %`],
    ["server RSS at end / max", (f) => f.rssMb, (x) => `${x.toFixed(0)} MB`],
    ["load process CPU (% of one core)", (f) => (f.load.clientCpuMs / f.load.windowMs) * 100, (x) => `${x.toFixed(0)} %`],
    ["server threads waiting for a CPU", (f) => f.serverWaitPercent, (x) => `${x.toFixed(0)} %`],
    ["load process waiting for a CPU", (f) => (f.load.runQueueWaitMs / f.load.windowMs) * 100, (x) => `${x.toFixed(0)} %`],
    ["machine busy (% of all cores)", (f) => f.machineBusyPercent, (x) => `${x.toFixed(0)} %`],
    ["machine stolen by the hypervisor", (f) => f.stealPercent, (x) => `${x.toFixed(1)} %`],
  ];
  console.log(`\n  ${"".padEnd(38)}${"PodPath".padStart(12)}${"echo".padStart(12)}${"ratio".padStart(10)}`);
  for (const [name, get, fmt] of rows) {
    const a = podpath ? get(podpath) : NaN;
    const b = echo ? get(echo) : NaN;
    const ratio = Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(1)}x` : "-";
    let shown = fmt(a);
    if (name.startsWith("server RSS") && podpath) shown = `${podpath.rssMb.toFixed(0)}/${podpath.rssMaxMb.toFixed(0)} MB`;
    let shownB = fmt(b);
    if (name.startsWith("server RSS") && echo) shownB = `${echo.rssMb.toFixed(0)}/${echo.rssMaxMb.toFixed(0)} MB`;
    console.log(`  ${name.padEnd(38)}${(podpath ? shown : "-").padStart(12)}${(echo ? shownB : "-").padStart(12)}${ratio.padStart(10)}`);
  }
  for (const [name, f] of [["PodPath", podpath], ["echo", echo]] as const) if (f?.load.firstErrors.length) console.log(`  ${name} errors, first ones: ${f.load.firstErrors.join(" | ")}`);
  if (podpath) reportSpread(podpath.load);
  if (podpath && process.env.BENCH_LATENCY_FILE) writeLatencies(process.env.BENCH_LATENCY_FILE, podpath.load);
  if (podpath) {
    const verdictOk = pct(podpath.load.commandMs, 99) <= 50;
    const dashOk = pct(podpath.load.dashboardMs, 99) <= 100;
    console.log(`\n  targets: verdict p99 <= 50 ms: ${verdictOk ? "met" : "missed"}; dashboard p99 <= 100 ms: ${dashOk ? "met" : "missed"} (${STUDENTS} students at ${RATE}/s)`);
    if (podpath.load.unsolved > 0) console.log(`  the class did not always solve the level (${podpath.load.unsolved} last lines left it unsolved): these figures are not the load of a class solving it`);
  }
}

// Every variant's solution has as many lines; each student types their own (solution-lines.ts).
const lineCount = solutionLinesOf(LEVEL)(0).length;
console.log(`PodPath classroom bench, node ${process.version}, ${cpus().length} cores; ${STUDENTS} students at ${RATE} command/s each, level ${LEVEL} (${lineCount} solution lines, then attempt.reset); warm-up ${WARMUP} s, measured ${SECONDS} s`);
console.log(`load process (all the students, the same for each server measured): node ${[...LOAD_NODE_ARGS, ...nodeArgsOf("BENCH_LOAD_NODE_ARGS")].join(" ")} --import tsx bench/classroom-load.ts`);
const podpath = ONLY === "echo" ? undefined : (console.log("PodPath server (node --import tsx server/main.ts, PODPATH_NO_NEXT=1, production):"), await podpathRun());
const echo = ONLY === "podpath" ? undefined : (console.log("bare socket.io echo server (bench/echo-server.ts):"), await echoRun());
report(podpath, echo);
