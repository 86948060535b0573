/**
 * A play worker (node:worker_threads): the play service, unchanged, on its own connection to
 * the same SQLite file. The pool (play-pool.ts) gives each student to one worker, so a
 * student's messages are handled in order, by one attempt-state cache, off the main thread.
 *
 * Group commit: the jobs that arrived together run inside one outer transaction (each job's
 * own transaction becomes a savepoint) and are answered only after it commits, so the ack
 * still means stored, and a busy class pays for one commit per batch instead of one per command.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { ClientMessage, ServerReply } from "../../game/protocol";
import { openDatabase } from "../db/open";
import { createPlayService } from "../play/play-service";
import { classSeedFor } from "./class-seeds";
import { ClassStore } from "./class-store";
import { warmLevelInfo } from "./level-info";

export interface PlayJob {
  readonly id: number;
  readonly playerId: string;
  readonly message: ClientMessage;
}

export interface PlayDone {
  readonly id: number;
  readonly reply: ServerReply;
}

/** Jobs per outer transaction at most, so one batch never holds the write lock for long. */
const MAX_BATCH = 100;
const NOT_STORED: ServerReply = { ok: false, error: "the server could not store this; send it again" };

const { dbFile, attemptStates, preparedLevels } = workerData as { dbFile: string; attemptStates: number; preparedLevels: number };
const db = openDatabase(dbFile);
warmLevelInfo();
const play = createPlayService({ orm: db.orm, seedFor: classSeedFor(new ClassStore(db.orm)), attemptStates, preparedLevels });
// Before any job (they queue meanwhile): the first batch must not compile the engine while it holds the write lock.
play.warmUp();

const queue: PlayJob[] = [];
let scheduled = false;

parentPort!.on("message", (job: PlayJob) => {
  queue.push(job);
  if (!scheduled) {
    scheduled = true;
    setImmediate(runBatch);
  }
});
parentPort!.on("close", () => db.close());

function begin(): boolean {
  try {
    db.sqlite.exec("BEGIN IMMEDIATE");
    return true;
  } catch (error) {
    console.error("podpath: a play worker could not begin a batch; committing job by job", error);
    return false;
  }
}

/** Replies from `from` on were rolled back with the batch: nothing of them is stored. */
function unstored(done: PlayDone[], from: number): void {
  for (let i = from; i < done.length; i++) if (done[i]!.reply.ok) done[i] = { id: done[i]!.id, reply: NOT_STORED };
}

function runBatch(): void {
  scheduled = false;
  const jobs = queue.splice(0, MAX_BATCH);
  if (queue.length > 0) {
    scheduled = true;
    setImmediate(runBatch);
  }
  const done: PlayDone[] = [];
  let open = begin();
  let from = 0;
  for (const job of jobs) {
    // handleMessage never throws: a refusal or a fault is an error reply.
    done.push({ id: job.id, reply: play.handleMessage(job.playerId, job.message) });
    if (open && !db.sqlite.inTransaction) {
      // An error (disk full, I/O) rolled the whole batch back.
      unstored(done, from);
      open = begin();
      from = done.length;
    }
  }
  if (open) {
    try {
      db.sqlite.exec("COMMIT");
    } catch (error) {
      console.error("podpath: a play worker could not commit a batch", error);
      unstored(done, from);
      if (db.sqlite.inTransaction) db.sqlite.exec("ROLLBACK");
    }
  }
  parentPort!.postMessage(done);
}
