/** A play worker's dashboard cells, kept from its own writes, read exactly as the dashboard query reads them from the database. */
import { afterEach, describe, expect, it } from "vitest";
import type { ClientMessage, ServerReply } from "../../game/protocol";
import { CellTracker } from "../../server/classroom/cell-tracker";
import { ClassStore } from "../../server/classroom/class-store";
import { classCellRowsOf, type CellRow } from "../../server/classroom/dashboard-query";
import { BatchWrites } from "../../server/classroom/play-batch";
import { studentPlayerId } from "../../server/classroom/student-player";
import { openDatabase } from "../../server/db/open";
import { instructors } from "../../server/db/schema";
import { createPlayService } from "../../server/play/play-service";
import { tempDbFile } from "./harness";

const LEVEL = "svc-reach-service-b";
const SOLUTION = "iptables -t nat -A PREROUTING -d 10.96.0.20/32 -p tcp --dport 80 -j DNAT --to-destination 10.244.0.3:8080";
const open: (() => void)[] = [];
afterEach(() => {
  for (const close of open.splice(0).reverse()) close();
});

/** A class with students, the play service and the tracker on a worker's connection, and a batch runner as the worker runs it. */
function worker(students: string[]) {
  const temp = tempDbFile();
  const main = openDatabase(temp.file);
  const db = openDatabase(temp.file);
  open.push(temp.cleanup, () => main.close(), () => db.close());
  const store = new ClassStore(main.orm);
  const now = new Date().toISOString();
  main.orm.insert(instructors).values({ id: "teacher", email: "t@example.test", name: "t", passwordHash: "-", createdAt: now }).run();
  store.insertClass({ id: "class-1", instructorId: "teacher", title: "t", code: "ABC234", levelIds: [LEVEL], pacing: "free", variants: false, seed: 7, stuckMinutes: 5, status: "running", machine: "{}", createdAt: now });
  for (const id of students) store.insertStudent({ id, classId: "class-1", playerId: studentPlayerId(id), nickname: id, nicknameKey: id, tokenHash: id, seed: 1, joinedAt: now, removedAt: null }, now);
  const batchWrites = new BatchWrites();
  const play = createPlayService({ orm: db.orm, onWrite: batchWrites.record });
  const tracker = new CellTracker(db.orm, db.sqlite);
  let nextId = 0;
  const batch = (jobs: [string, ClientMessage][]): { replies: ServerReply[]; cells: CellRow[][] } => {
    const { done, stored } = batchWrites.run(db.sqlite, play.handleMessage, jobs.map(([student, message]) => ({ id: ++nextId, playerId: studentPlayerId(student), message })));
    const cells = tracker.apply(stored);
    return { replies: done.map((d) => d.reply), cells };
  };
  /** What the dashboard query reads now, on the main connection. */
  const queried = (student: string) => classCellRowsOf(main.orm, "class-1", [{ studentId: student, levelId: LEVEL }])[0];
  return { batch, queried, store, tracker, main };
}

const attemptOf = (reply: ServerReply) => {
  if (!reply.ok || reply.type !== "attempt") throw new Error(`not an attempt: ${JSON.stringify(reply)}`);
  return reply.attempt.id;
};

describe("a play worker's dashboard cells", () => {
  it("follow every kind of write, one job a batch or many, exactly as the query reads them back", () => {
    const { batch, queried, tracker } = worker(["ann", "bob"]);
    const cmd = (attemptId: string, seq: number, line: string): ClientMessage => ({ v: 1, type: "attempt.command", attemptId, seq, host: "node1", line });

    // First touch: the cell is unknown to the tracker, and several jobs of the same student come in one batch.
    let out = batch([["ann", { v: 1, type: "attempt.open", levelId: LEVEL }]]);
    const a1 = attemptOf(out.replies[0]!);
    expect(out.cells[0]).toEqual([queried("ann")]);
    out = batch([
      ["ann", cmd(a1, 1, "ip route")],
      ["ann", cmd(a1, 2, "this is no command")],
      ["bob", { v: 1, type: "attempt.open", levelId: LEVEL }],
    ]);
    expect(out.cells[1]).toEqual([queried("ann")]);
    expect(out.cells[2]).toEqual([queried("bob")]);
    expect(queried("ann")).toMatchObject({ commands: 2 });
    const b1 = attemptOf(out.replies[2]!);

    // Known cells from here on: commands, a hint, an undo, a solve, a resent seq, a refusal.
    const steps: [string, ClientMessage, boolean][] = [
      ["ann", { v: 1, type: "attempt.hint", attemptId: a1 }, true],
      ["ann", cmd(a1, 3, "ip link set lo down"), true],
      ["ann", { v: 1, type: "attempt.undo", attemptId: a1 }, true],
      ["ann", cmd(a1, 4, SOLUTION), true],
      ["ann", cmd(a1, 4, SOLUTION), false], // resent: answered from the log, nothing written
      ["ann", cmd(a1, 9, "ip route"), false], // refused: skips ahead
      ["bob", cmd(b1, 1, SOLUTION), true],
      ["bob", { v: 1, type: "attempt.hint", attemptId: b1 }, true],
    ];
    for (const [student, message, writes] of steps) {
      out = batch([[student, message]]);
      expect(out.cells[0]).toEqual(writes ? [queried(student)] : []);
    }
    // Read from the database once per cell, at its first write; every later write moved it.
    expect(tracker.reads).toBe(2);
    expect(queried("ann")).toMatchObject({ commands: 4, hintsUsed: 1, stars: expect.any(Number), solvedAt: expect.any(String) });

    // A reset, then commands on the new attempt, the solution shown, and another reset, all in one batch.
    out = batch([["ann", { v: 1, type: "attempt.reset", attemptId: a1 }]]);
    const a2 = attemptOf(out.replies[0]!);
    expect(out.cells[0]).toEqual([queried("ann")]);
    out = batch([
      ["ann", cmd(a2, 1, "ip route")],
      ["ann", { v: 1, type: "attempt.hint", attemptId: a2 }],
      ["ann", { v: 1, type: "attempt.hint", attemptId: a2 }],
      ["ann", { v: 1, type: "attempt.hint", attemptId: a2 }],
      ["ann", { v: 1, type: "attempt.solution", attemptId: a2 }],
      ["ann", { v: 1, type: "attempt.reset", attemptId: a2 }],
    ]);
    expect(out.replies.map((r) => r.ok)).toEqual([true, true, true, true, true, true]);
    const final = queried("ann")!;
    for (const cells of out.cells) expect(cells).toEqual([final]);
    expect(final).toMatchObject({ commands: 5, hintsUsed: 4, solutionShown: 1 });
    expect(tracker.reads).toBe(2);
    expect(final.solvedAt).not.toBeNull();
    expect(final.passed).toBeLessThan(final.total);
  });

  it("are read again after another connection wrote the same student's attempt", () => {
    const { batch, queried, tracker, main } = worker(["eve"]);
    const opened = batch([["eve", { v: 1, type: "attempt.open", levelId: LEVEL }]]);
    const attemptId = attemptOf(opened.replies[0]!);
    batch([["eve", { v: 1, type: "attempt.command", attemptId, seq: 1, host: "node1", line: "ip route" }]]);
    const reads = tracker.reads;
    // The main thread's connection plays the same attempt (a play page, or no worker left): a
    // command and a hint the worker never saw.
    const elsewhere = createPlayService({ orm: main.orm });
    expect(elsewhere.handleMessage(studentPlayerId("eve"), { v: 1, type: "attempt.command", attemptId, seq: 2, host: "node1", line: "ip link" }).ok).toBe(true);
    expect(elsewhere.handleMessage(studentPlayerId("eve"), { v: 1, type: "attempt.hint", attemptId }).ok).toBe(true);
    const moved = batch([["eve", { v: 1, type: "attempt.command", attemptId, seq: 3, host: "node1", line: "ip route" }]]);
    expect(queried("eve")).toMatchObject({ commands: 3, hintsUsed: 1 });
    expect(moved.cells[0]).toEqual([queried("eve")]);
    expect(tracker.reads).toBe(reads + 1);
    // Nothing else wrote since: the next write moves the cell without reading it.
    const next = batch([["eve", { v: 1, type: "attempt.command", attemptId, seq: 4, host: "node1", line: "ip addr" }]]);
    expect(next.cells[0]).toEqual([queried("eve")]);
    expect(tracker.reads).toBe(reads + 1);
  });

  it("a student the tracker has not seen yet, or forgotten, or one removed from the class", () => {
    const { batch, queried, store, tracker } = worker(["cat", "dan"]);
    const opened = batch([["cat", { v: 1, type: "attempt.open", levelId: LEVEL }]]);
    expect(opened.cells[0]).toEqual([queried("cat")]);
    // Forgotten (the worker does this after a failure halfway through): read again at the next write.
    tracker.clear();
    const reads = tracker.reads;
    const moved = batch([["cat", { v: 1, type: "attempt.command", attemptId: attemptOf(opened.replies[0]!), seq: 1, host: "node1", line: "ip route" }]]);
    expect(moved.cells[0]).toEqual([queried("cat")]);
    expect(tracker.reads).toBe(reads + 1);
    store.markRemoved("dan", new Date().toISOString());
    const removed = batch([["dan", { v: 1, type: "attempt.open", levelId: LEVEL }]]);
    expect(removed.replies[0]!.ok).toBe(true);
    // The query leaves removed students out; so does the tracker.
    expect(queried("dan")).toBeUndefined();
    expect(removed.cells[0]).toEqual([]);
  });
});
