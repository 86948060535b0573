/**
 * The load side of `npm run bench:classroom`, run in its own process (forked by
 * bench/classroom.ts, talking over IPC): N students as socket.io clients, each sending the
 * level's reference solution line by line at R commands a second (then attempt.reset, and
 * again), plus one instructor watching the dashboard. Measures, in this process's clock:
 * command -> ack (the server's verdict), and command -> the dashboard push that shows it.
 * Every student sends their first line within the first period, so the class moves in step: at
 * 1 a second, all send line 1 in one second, line 2 in the next, and so on, and all reset together.
 * Each student keeps to a timeline of their own (send-schedule.ts), spread evenly over the period.
 * Acks are read for the few facts the bench uses, not parsed whole (ack-reader.ts).
 */
import { request as httpRequest, Agent } from "node:http";
import { performance } from "node:perf_hooks";
import { io as connect, type Socket } from "socket.io-client";
import { ackFacts, loadParser } from "./ack-reader";
import { procRunQueueWaitMs } from "./proc-stats";
import { sendOnSchedule } from "./send-schedule";
import { solutionLinesOf, type SolutionLine } from "./solution-lines";

export interface LoadConfig {
  readonly url: string;
  readonly mode: "podpath" | "echo";
  readonly students: number;
  /** Commands a second per student. */
  readonly rate: number;
  readonly warmupS: number;
  readonly measureS: number;
  readonly levelId: string;
  /** podpath: the class to join and the instructor's cookie. */
  readonly code?: string;
  readonly classId?: string;
  readonly instructorCookie?: string;
}

export interface LoadResult {
  readonly commandMs: number[];
  /** For each of commandMs: the solution line it sent (0 is the first) and when (epoch ms). */
  readonly commandLine: number[];
  readonly commandAt: number[];
  readonly resetMs: number[];
  readonly resetAt: number[];
  readonly dashboardMs: number[];
  readonly sent: number;
  readonly acked: number;
  readonly errors: number;
  readonly skipped: number;
  /** podpath: acks of a last solution line whose verdict was solved, and those whose was not. */
  readonly solved: number;
  readonly unsolved: number;
  readonly firstErrors: string[];
  readonly clientCpuMs: number;
  /** This process's threads' time runnable but waiting for a CPU, summed (proc-stats.ts). */
  readonly runQueueWaitMs: number;
  readonly windowMs: number;
}

/** What this process tells bench/classroom.ts over IPC. */
export type LoadMessage = { type: "ready" } | { type: "measuring" } | { type: "measured" } | { type: "done"; result: LoadResult } | { type: "failed"; error: string };
const send = (m: LoadMessage) => new Promise<void>((resolve) => process.send!(m, undefined, {}, () => resolve()));

interface Student {
  readonly id: string;
  readonly socket: Socket;
  /** Their variant's solution (the echo server's attempts have no seed: seed 0's). */
  readonly lines: readonly SolutionLine[];
  attemptId: string;
  seq: number;
  line: number;
  inFlight: boolean;
  /** Commands stored so far (the dashboard cell's `commands`). */
  stored: number;
  dashSeen: number;
  dashAt: number;
  readonly waiting: { k: number; t0: number }[];
}

const agent = new Agent({ keepAlive: true, maxSockets: 32 });

/**
 * A POST on the keep-alive agent. The server may close an idle kept-alive connection just as a
 * request goes out on it (read ECONNRESET, with nothing sent to the handler); that request is
 * sent again once, on a fresh connection, as Node's documentation of `request.reusedSocket` advises.
 */
function post(url: string, path: string, body: unknown, cookie?: string, retried = false): Promise<{ status: number; cookies: string[]; json: any }> {
  return postOnce(url, path, body, cookie).catch((error: NodeJS.ErrnoException & { reusedSocket?: boolean }) => {
    if (retried || error.code !== "ECONNRESET" || !error.reusedSocket) throw error;
    return post(url, path, body, cookie, true);
  });
}

function postOnce(url: string, path: string, body: unknown, cookie?: string): Promise<{ status: number; cookies: string[]; json: any }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(url + path, { method: "POST", agent, headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode ?? 0, cookies: (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]!), json: text ? JSON.parse(text) : undefined });
      });
    });
    req.on("error", (error: NodeJS.ErrnoException & { reusedSocket?: boolean }) => {
      error.reusedSocket = req.reusedSocket;
      reject(error);
    });
    req.end(payload);
  });
}

async function inBatches<T>(count: number, width: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await make(i);
      }
    }),
  );
  return out;
}

function open(url: string, cookie: string | undefined, auth: Record<string, unknown>): Promise<Socket> {
  const socket = connect(url, { parser: loadParser, transports: ["websocket"], forceNew: true, reconnection: false, auth, ...(cookie ? { extraHeaders: { cookie } } : {}) });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

async function emit(socket: Socket, message: unknown): Promise<unknown> {
  return socket.timeout(60_000).emitWithAck("pp", message);
}

async function setUpStudent(config: LoadConfig, linesFor: (seed: number) => readonly SolutionLine[], i: number): Promise<Student> {
  let socket: Socket;
  let id = `s${i}`;
  if (config.mode === "podpath") {
    const joined = await post(config.url, "/api/join", { code: config.code, nickname: `student-${i}` });
    if (joined.status !== 200) throw new Error(`join ${i}: ${joined.status} ${JSON.stringify(joined.json)}`);
    id = joined.json.student.id;
    socket = await open(config.url, joined.cookies.join("; "), { classCode: config.code });
  } else {
    socket = await open(config.url, undefined, { studentId: id });
  }
  const opened = ackFacts(await emit(socket, { v: 1, type: "attempt.open", levelId: config.levelId }));
  if (!opened.ok || opened.attemptId === undefined) throw new Error(`open ${i}: ${opened.error}`);
  return { id, socket, lines: linesFor(opened.seed ?? 0), attemptId: opened.attemptId, seq: 1, line: 0, inFlight: false, stored: 0, dashSeen: 0, dashAt: 0, waiting: [] };
}

async function run(config: LoadConfig): Promise<void> {
  const linesFor = solutionLinesOf(config.levelId);
  const players = await inBatches(config.students, 64, (i) => setUpStudent(config, linesFor, i));
  const byId = new Map(players.map((p) => [p.id, p]));
  const watcher = await open(config.url, config.instructorCookie, config.mode === "echo" ? { watch: true } : {});
  if (config.mode === "podpath") {
    const watched = ackFacts(await emit(watcher, { v: 1, type: "class.watch", classId: config.classId }));
    if (!watched.ok) throw new Error(`watch: ${watched.error}`);
  }
  const result: { -readonly [K in keyof LoadResult]: LoadResult[K] } = { commandMs: [], commandLine: [], commandAt: [], resetMs: [], resetAt: [], dashboardMs: [], sent: 0, acked: 0, errors: 0, skipped: 0, solved: 0, unsolved: 0, firstErrors: [], clientCpuMs: 0, runQueueWaitMs: 0, windowMs: 0 };
  let measuring = false;

  watcher.on("pp.push", (push: { type: string; batch?: { cells: { studentId: string; commands: number }[] } }) => {
    if (push.type !== "dashboard.batch" || !push.batch) return;
    const now = performance.now();
    for (const cell of push.batch.cells) {
      const p = byId.get(cell.studentId);
      if (!p || cell.commands <= p.dashSeen) continue;
      p.dashSeen = cell.commands;
      p.dashAt = now;
      while (p.waiting.length && p.waiting[0]!.k <= cell.commands) {
        const w = p.waiting.shift()!;
        if (measuring) result.dashboardMs.push(now - w.t0);
      }
    }
  });

  const tick = (p: Student) => {
    if (p.inFlight) {
      if (measuring) result.skipped++;
      return;
    }
    p.inFlight = true;
    const isReset = p.line >= p.lines.length;
    const item = p.lines[p.line];
    const message = isReset ? { v: 1, type: "attempt.reset", attemptId: p.attemptId } : { v: 1, type: "attempt.command", attemptId: p.attemptId, seq: p.seq, host: item!.host, line: item!.line };
    const t0 = performance.now();
    const line = p.line;
    const counted = measuring;
    if (counted) result.sent++;
    p.socket.timeout(60_000).emit("pp", message, (err: Error | null, ack: unknown) => {
      p.inFlight = false;
      const ms = performance.now() - t0;
      const reply = err ? undefined : ackFacts(ack);
      if (!reply?.ok || (isReset && reply.attemptId === undefined)) {
        if (counted) result.errors++;
        if (result.firstErrors.length < 5) result.firstErrors.push(err ? err.message : String(reply?.error ?? "a reset's reply without an attempt"));
        return;
      }
      if (counted) result.acked++;
      if (isReset) {
        if (counted) {
          result.resetMs.push(ms);
          result.resetAt.push(performance.timeOrigin + t0);
        }
        p.attemptId = reply.attemptId!;
        p.seq = 1;
        p.line = 0;
        return;
      }
      if (counted && config.mode === "podpath" && line === p.lines.length - 1) {
        if (reply.solved === true) result.solved++;
        else result.unsolved++;
      }
      if (counted) {
        result.commandMs.push(ms);
        result.commandLine.push(line);
        result.commandAt.push(performance.timeOrigin + t0);
      }
      p.seq++;
      p.line++;
      p.stored++;
      if (p.dashSeen >= p.stored) {
        if (counted) result.dashboardMs.push(p.dashAt - t0);
      } else if (counted) p.waiting.push({ k: p.stored, t0 });
      else p.waiting.length = 0;
    });
  };

  void send({ type: "ready" });
  const stopSending = sendOnSchedule(players, 1000 / config.rate, tick);
  await new Promise((r) => setTimeout(r, config.warmupS * 1000));
  measuring = true;
  for (const p of players) p.waiting.length = 0;
  void send({ type: "measuring" });
  const cpu0 = process.cpuUsage();
  const wait0 = procRunQueueWaitMs(process.pid);
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, config.measureS * 1000));
  measuring = false;
  const cpu = process.cpuUsage(cpu0);
  const runQueueWaitMs = procRunQueueWaitMs(process.pid) - wait0;
  const windowMs = performance.now() - t0;
  void send({ type: "measured" });
  stopSending();
  await new Promise((r) => setTimeout(r, 1000)); // let the last acks and pushes arrive (not counted)
  const out: LoadResult = { ...result, clientCpuMs: (cpu.user + cpu.system) / 1000, runQueueWaitMs, windowMs };
  for (const p of players) p.socket.close();
  watcher.close();
  await send({ type: "done", result: out });
}

const config = JSON.parse(process.env.BENCH_LOAD ?? "{}") as LoadConfig;
// Exit only once the last message has left: process.exit would drop it.
run(config).then(
  () => process.exit(0),
  async (error: unknown) => {
    await send({ type: "failed", error: String((error as Error)?.stack ?? error) });
    process.exit(1);
  },
);
