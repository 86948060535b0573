/**
 * A play worker (node:worker_threads): the play service, unchanged, on its own connection to
 * the same SQLite file. The pool (play-pool.ts) gives each student to one worker, so a
 * student's messages are handled in order, by one attempt-state cache, off the main thread.
 * The jobs that arrived together are run and committed as one batch (play-batch.ts); their
 * replies go back already encoded (server/play/encoded-reply.ts).
 */
import { parentPort, workerData } from "node:worker_threads";
import { openDatabase } from "../db/open";
import { createPlayService } from "../play/play-service";
import { classSeedFor } from "./class-seeds";
import { ClassStore } from "./class-store";
import { warmLevelInfo } from "./level-info";
import { encodeReply } from "../play/encoded-reply";
import { CellTracker } from "./cell-tracker";
import type { CellRow } from "./dashboard-query";
import { BatchWrites, type PlayJob } from "./play-batch";
import type { PlayEncoded } from "./play-pool";

/**
 * Jobs per outer transaction at most, so one batch never holds the write lock for long, and no
 * reply waits long for the jobs after it: each is sent only when its whole batch has committed.
 * At 2,000 students a backlog ran in batches of 100 (30-50 ms each); with 20 the commits are more
 * (a commit costs about 0.1-0.3 ms) but a reply waits for at most 19 other jobs.
 */
const MAX_BATCH = 20;

const { dbFile, attemptStates, preparedLevels, autocheckpointPages } = workerData as { dbFile: string; attemptStates: number; preparedLevels: number; autocheckpointPages: number };
const db = openDatabase(dbFile);
// The pool's checkpointer thread (wal-checkpointer.mjs) copies the log as it grows; a commit here
// checkpoints only once the log is this long, which a steady load reaches: the checkpointer's
// passive rounds never let the log start over while this worker keeps committing.
db.sqlite.pragma(`wal_autocheckpoint = ${autocheckpointPages}`);
warmLevelInfo();
// The rows each job writes: once its batch commits, they move its dashboard cells.
const batchWrites = new BatchWrites();
const play = createPlayService({ orm: db.orm, seedFor: classSeedFor(new ClassStore(db.orm)), attemptStates, preparedLevels, attemptCache: attemptStates, onWrite: batchWrites.record });
batchWrites.cache = play.store.cache;
const cells = new CellTracker(db.orm, db.sqlite);
// Before any job (they queue meanwhile): the first batch must not compile the engine while it holds the write lock.
play.warmUp();

const queue: PlayJob[] = [];
let scheduled = false;

// The pool posts the jobs of one turn of its event loop together (play-pool.ts).
parentPort!.on("message", (jobs: PlayJob[]) => {
  for (const job of jobs) queue.push(job);
  if (!scheduled) {
    scheduled = true;
    setImmediate(runBatch);
  }
});
parentPort!.on("close", () => db.close());

function runBatch(): void {
  scheduled = false;
  const jobs = queue.splice(0, MAX_BATCH);
  if (queue.length > 0) {
    scheduled = true;
    setImmediate(runBatch);
  }
  // Only what was stored moves a cell.
  const { done: handled, stored } = batchWrites.run(db.sqlite, play.handleMessage, jobs);
  let changed: CellRow[][];
  try {
    changed = cells.apply(stored);
  } catch (error) {
    // The batch is stored; its replies go out. Without cells the main thread reads them itself.
    console.error("podpath: a play worker could not update its dashboard cells", error);
    cells.clear();
    changed = handled.map(() => []);
  }
  // As JSON: one string per reply crosses to the main thread, which sends it on as it is.
  const done: PlayEncoded[] = handled.map(({ id, reply }, i) => {
    const { json, note } = encodeReply(reply);
    return { id, json, note: changed[i]!.length > 0 ? { ...note, cells: changed[i]! } : note };
  });
  parentPort!.postMessage(done);
}
