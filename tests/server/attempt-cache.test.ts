/**
 * A play worker's attempt cache (server/play/attempt-cache.ts): what it answers is what the
 * database holds, after the worker's own batches, after another connection's writes, and after
 * a rollback. Real SQLite file, two connections, batches run as the worker runs them.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ClientMessage, ServerReply } from "../../game/protocol";
import { BatchWrites } from "../../server/classroom/play-batch";
import { openDatabase } from "../../server/db/open";
import { AttemptStore } from "../../server/play/attempt-store";
import { createPlayService } from "../../server/play/play-service";
import { tempDbFile } from "./harness";

const LEVEL = "svc-reach-service-b";
const WRONG = "iptables -t nat -A PREROUTING -d 10.96.0.20/32 -p tcp --dport 80 -j DNAT --to-destination 10.244.0.9:8080";
const SOLUTION = "iptables -t nat -A PREROUTING -d 10.96.0.20/32 -p tcp --dport 80 -j DNAT --to-destination 10.244.0.3:8080";
const SHOW = "iptables -t nat -S PREROUTING";

const open: (() => void)[] = [];
afterEach(() => {
  for (const close of open.splice(0).reverse()) close();
});

/** A worker (cached play service, batches) and the main thread (its own connection, no cache) on one file. */
function rig() {
  const temp = tempDbFile();
  const workerDb = openDatabase(temp.file);
  const mainDb = openDatabase(temp.file);
  open.push(temp.cleanup, () => mainDb.close(), () => workerDb.close());
  const batchWrites = new BatchWrites();
  const worker = createPlayService({ orm: workerDb.orm, seedFor: () => 0, attemptCache: 100, onWrite: batchWrites.record });
  batchWrites.cache = worker.store.cache;
  const main = createPlayService({ orm: mainDb.orm, seedFor: () => 0 });
  /** A fresh store on the main connection: what the database holds. */
  const truth = new AttemptStore(mainDb.orm);
  main.welcome("p1");
  let nextId = 0;
  const batch = (...jobs: [string, ClientMessage][]): ServerReply[] =>
    batchWrites.run(workerDb.sqlite, worker.handleMessage, jobs.map(([playerId, message]) => ({ id: ++nextId, playerId, message }))).done.map((d) => d.reply);
  return { worker, main, truth, batch, workerDb, mainDb };
}

const openLevel = (): ClientMessage => ({ v: 1, type: "attempt.open", levelId: LEVEL });
const command = (attemptId: string, seq: number, line: string): ClientMessage => ({ v: 1, type: "attempt.command", attemptId, seq, host: "node1", line });

function attemptIdOf(reply: ServerReply): string {
  if (!reply.ok || reply.type !== "attempt") throw new Error(`not an attempt: ${JSON.stringify(reply)}`);
  return reply.attempt.id;
}

/** Inside a batch (the cache armed), the worker's reads of `attemptId` against the database's. */
function readInBatch(r: ReturnType<typeof rig>, attemptId: string) {
  r.workerDb.sqlite.exec("BEGIN IMMEDIATE");
  r.worker.store.cache!.arm();
  try {
    return { row: r.worker.store.attempt(attemptId), log: r.worker.store.log(attemptId) };
  } finally {
    r.workerDb.sqlite.exec("COMMIT");
    r.worker.store.cache!.disarm();
  }
}

describe("a play worker's attempt cache", () => {
  it("answers a batch's reads from memory with what the database holds, after commands, undo, hints and a reset", () => {
    const r = rig();
    const [opened] = r.batch(["p1", openLevel()]);
    const id = attemptIdOf(opened!);
    const steps: ClientMessage[] = [
      command(id, 1, WRONG),
      command(id, 2, SHOW),
      { v: 1, type: "attempt.undo", attemptId: id },
      { v: 1, type: "attempt.hint", attemptId: id },
      command(id, 3, SOLUTION),
    ];
    for (const step of steps) {
      const [reply] = r.batch(["p1", step]);
      expect(reply!.ok, JSON.stringify(reply)).toBe(true);
      expect(readInBatch(r, id)).toEqual({ row: r.truth.attempt(id), log: r.truth.log(id) });
    }
    const hitsBefore = r.worker.store.cache!.hits;
    readInBatch(r, id);
    expect(r.worker.store.cache!.hits).toBe(hitsBefore + 2);
    // The solve, the hint and the undone command are in what it answers.
    const { row, log } = readInBatch(r, id);
    expect(row).toMatchObject({ hintsShown: 1, stars: expect.any(Number) });
    expect(row!.solvedAt).toEqual(expect.any(String));
    expect(log.map((e) => [e.seq, e.changed, e.undone])).toEqual([[1, true, true], [2, false, false], [3, true, false]]);

    const [reset] = r.batch(["p1", { v: 1, type: "attempt.reset", attemptId: id }]);
    const fresh = attemptIdOf(reset!);
    expect(readInBatch(r, id)).toEqual({ row: r.truth.attempt(id), log: r.truth.log(id) });
    expect(readInBatch(r, id).row!.active).toBe(false);
    expect(readInBatch(r, fresh)).toEqual({ row: r.truth.attempt(fresh), log: [] });
  });

  it("reads again what another connection wrote between two batches", () => {
    const r = rig();
    const id = attemptIdOf(r.batch(["p1", openLevel()])[0]!);
    expect(r.batch(["p1", command(id, 1, SHOW)])[0]!.ok).toBe(true);
    // The same player's free-play tab, on the main thread: seq 2 is stored by the other connection.
    expect(r.main.handleMessage("p1", command(id, 2, WRONG)).ok).toBe(true);
    const next = r.batch(["p1", command(id, 3, SOLUTION)])[0]!;
    expect(next.ok, JSON.stringify(next)).toBe(true);
    expect(r.truth.log(id).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(readInBatch(r, id)).toEqual({ row: r.truth.attempt(id), log: r.truth.log(id) });
  });

  it("forgets what a rolled-back job wrote: the same seq can be sent again and is stored once", () => {
    const r = rig();
    const id = attemptIdOf(r.batch(["p1", openLevel()])[0]!);
    expect(r.batch(["p1", command(id, 1, SHOW)])[0]!.ok).toBe(true);
    // The line solves the level, and marking the attempt solved fails, so the command's
    // transaction (a savepoint of the batch) rolls back after its command row was written. A
    // temporary trigger of the worker's own connection: no other connection commits, so only the
    // rollback can tell the cache.
    r.workerDb.sqlite.exec("CREATE TEMP TRIGGER no_solve BEFORE UPDATE ON attempts BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
    try {
      const failed = r.batch(["p1", command(id, 2, SOLUTION)])[0]!;
      expect(failed.ok).toBe(false);
    } finally {
      r.workerDb.sqlite.exec("DROP TRIGGER temp.no_solve");
    }
    expect(r.truth.log(id).map((e) => e.seq)).toEqual([1]);
    const again = r.batch(["p1", command(id, 2, SOLUTION)])[0]!;
    expect(again.ok, JSON.stringify(again)).toBe(true);
    expect(r.truth.log(id).map((e) => e.seq)).toEqual([1, 2]);
    expect(readInBatch(r, id)).toEqual({ row: r.truth.attempt(id), log: r.truth.log(id) });
  });

  it("is not used outside a batch: a disarmed store reads the database", () => {
    const r = rig();
    const id = attemptIdOf(r.batch(["p1", openLevel()])[0]!);
    r.batch(["p1", command(id, 1, SHOW)]);
    r.main.handleMessage("p1", command(id, 2, WRONG));
    const hits = r.worker.store.cache!.hits;
    expect(r.worker.store.log(id).map((e) => e.seq)).toEqual([1, 2]);
    expect(r.worker.store.cache!.hits).toBe(hits);
  });
});
