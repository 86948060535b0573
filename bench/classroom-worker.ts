/**
 * node --import tsx bench/classroom-worker.ts [--students 2000 --batch 40 --rounds 8 --level pod-eth0-bringup]
 *
 * The classroom's per-command server work without sockets, timed in CPU (not wall-clock, so
 * other processes on the machine move it little): a play worker's batches (the play service on
 * a real SQLite file, committed with BatchWrites.run as the worker does) for a class of N students
 * sending the bench's loop (the level's solution lines, then attempt.reset), the worker's
 * dashboard cells moved by those batches' writes (cell-tracker.ts), the replies encoded as the
 * worker sends them (encoded-reply.ts), and, for comparison, the
 * dashboard query reading the same cells back on a second connection (what the main thread did
 * before the tracker, and still does for play on the main thread). Prints CPU ms per job and per cell.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { performance } from "node:perf_hooks";
import { join } from "node:path";
import type { ClientMessage } from "../game/protocol";
import { classSeedFor } from "../server/classroom/class-seeds";
import { CellTracker } from "../server/classroom/cell-tracker";
import { ClassStore } from "../server/classroom/class-store";
import { classCellRowsOf } from "../server/classroom/dashboard-query";
import { warmLevelInfo } from "../server/classroom/level-info";
import { BatchWrites, type PlayJob } from "../server/classroom/play-batch";
import { studentPlayerId } from "../server/classroom/student-player";
import { openDatabase } from "../server/db/open";
import { instructors } from "../server/db/schema";
import { createPlayService } from "../server/play/play-service";
import { encodeReply } from "../server/play/encoded-reply";
import { solutionLinesOf, type SolutionLine } from "./solution-lines";

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ""), process.argv[i + 1] ?? "");
const STUDENTS = Number(args.get("students") ?? 2000);
const BATCH = Number(args.get("batch") ?? 40);
const ROUNDS = Number(args.get("rounds") ?? 8);
const LEVEL = args.get("level") ?? "pod-eth0-bringup";

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

// Each student types their own variant's solution: the class's seed, as the server gives it.
const linesFor = solutionLinesOf(LEVEL);

const dir = mkdtempSync(join(tmpdir(), "podpath-bench-worker-"));
const file = join(dir, "bench.sqlite");
const main = openDatabase(file);
const worker = openDatabase(file);
try {
  const now = new Date().toISOString();
  const store = new ClassStore(main.orm);
  main.orm.insert(instructors).values({ id: "bench-instructor", email: "bench@bench.example", name: "bench", passwordHash: "-", createdAt: now }).run();
  const classId = "bench-class";
  store.insertClass({ id: classId, instructorId: "bench-instructor", title: "bench", code: "BENCH2", levelIds: [LEVEL], pacing: "free", variants: false, seed: 1, stuckMinutes: 5, status: "running", machine: "{}", createdAt: now });
  const students = Array.from({ length: STUDENTS }, (_, i) => `bench-student-${String(i).padStart(6, "0")}`);
  for (const id of students) store.insertStudent({ id, classId, playerId: studentPlayerId(id), nickname: id, nicknameKey: id, tokenHash: id, seed: i32(id), joinedAt: now, removedAt: null }, now);

  const batchWrites = new BatchWrites();
  // As play-worker.ts makes it: with the attempt cache its batches arm.
  const play = createPlayService({ orm: worker.orm, seedFor: classSeedFor(new ClassStore(worker.orm)), attemptStates: 5000, preparedLevels: 1000, attemptCache: 5000, onWrite: batchWrites.record });
  batchWrites.cache = play.store.cache;
  const tracker = new CellTracker(worker.orm, worker.sqlite);
  warmLevelInfo();
  play.warmUp();
  const state = new Map<string, { attemptId: string; line: number; lines: readonly SolutionLine[] }>();
  let solved = 0;
  let unsolved = 0;
  let nextId = 0;
  const jobFor = (studentId: string): PlayJob => {
    const s = state.get(studentId);
    const playerId = studentPlayerId(studentId);
    let message: ClientMessage;
    if (!s) message = { v: 1, type: "attempt.open", levelId: LEVEL };
    else if (s.line >= s.lines.length) message = { v: 1, type: "attempt.reset", attemptId: s.attemptId };
    else message = { v: 1, type: "attempt.command", attemptId: s.attemptId, seq: s.line + 1, ...s.lines[s.line]! };
    return { id: ++nextId, playerId, message };
  };
  const applied = (studentId: string, reply: ReturnType<typeof play.handleMessage>) => {
    if (!reply.ok) throw new Error(`${studentId}: ${reply.error}`);
    if (reply.type === "attempt") state.set(studentId, { attemptId: reply.attempt.id, line: 0, lines: linesFor(reply.attempt.seed) });
    else if (reply.type === "command") {
      const s = state.get(studentId)!;
      if (++s.line === s.lines.length) {
        if (reply.verdict.solved) solved++;
        else unsolved++;
      }
    }
  };
  // The CPU clock is read around each pass, not around each batch: a read costs microseconds,
  // which in batches of 2 had been about 5% of what it measured. The tracker, which runs for
  // microseconds a batch, is timed by the wall clock (performance.now() is no system call).
  const runRound = (): { jobs: number; workerMs: number; trackerMs: number; cells: number; dashboardMs: number } => {
    let jobs = 0;
    let trackerMs = 0;
    const groups: string[][] = [];
    const t0 = cpuMs();
    for (let at = 0; at < students.length; at += BATCH) {
      const group = students.slice(at, at + BATCH);
      const batch = group.map(jobFor);
      const { done, stored } = batchWrites.run(worker.sqlite, play.handleMessage, batch);
      const tt = performance.now();
      tracker.apply(stored);
      trackerMs += performance.now() - tt;
      for (const d of done) encodeReply(d.reply);
      jobs += batch.length;
      done.forEach((d, i) => applied(group[i]!, d.reply));
      groups.push(group);
    }
    const workerMs = cpuMs() - t0;
    // The same cells read back with the dashboard's query, a group at a time, after the pass.
    let cells = 0;
    const t1 = cpuMs();
    for (const group of groups) cells += classCellRowsOf(main.orm, classId, group.map((studentId) => ({ studentId, levelId: LEVEL }))).length;
    const dashboardMs = cpuMs() - t1;
    return { jobs, workerMs, trackerMs, cells, dashboardMs };
  };
  runRound(); // opens every attempt, warms the caches
  const total = { jobs: 0, workerMs: 0, trackerMs: 0, cells: 0, dashboardMs: 0 };
  for (let r = 0; r < ROUNDS; r++) {
    const round = runRound();
    total.jobs += round.jobs;
    total.workerMs += round.workerMs;
    total.trackerMs += round.trackerMs;
    total.cells += round.cells;
    total.dashboardMs += round.dashboardMs;
  }
  console.log(`${STUDENTS} students, level ${LEVEL}, batches of ${BATCH}, ${ROUNDS} rounds (${total.jobs} jobs)`);
  console.log(`  play worker: ${(total.workerMs / total.jobs).toFixed(3)} ms CPU per job, of which its dashboard cells ${(total.trackerMs / total.jobs).toFixed(3)} ms (wall clock)`);
  console.log(`  last lines that solved the level: ${solved} of ${solved + unsolved}`);
  console.log(`  dashboard query (not run for a worker's students): ${(total.dashboardMs / total.cells).toFixed(3)} ms CPU per changed cell`);
} finally {
  worker.close();
  main.close();
  rmSync(dir, { recursive: true, force: true });
}

function i32(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) >>> 0;
  return h;
}
