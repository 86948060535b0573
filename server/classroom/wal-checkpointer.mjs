// The WAL checkpointer thread of the play pool (play-pool.ts): copies committed pages from the
// write-ahead log into the database file every `everyMs`, so that a play worker's commits do it
// themselves only once the log reaches their limit (under a steady load they still do: SQLite
// starts the log over only when every frame is copied, and a worker committing steadily leaves
// some each round). A checkpoint writes and fsyncs both files (tens of ms on a busy disk); inside
// a worker's COMMIT it held up every reply of that batch. Plain JS: it needs nothing but
// better-sqlite3, so it does not load tsx.
import { workerData } from "node:worker_threads";
import Database from "better-sqlite3";

const { dbFile, everyMs } = workerData;
const db = new Database(dbFile);
// PASSIVE never waits for a lock and never blocks the writers: what a reader still needs stays in the log for the next round.
setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    console.error("podpath: a WAL checkpoint failed", error);
  }
}, everyMs);
