/**
 * Group commit for a play worker: the jobs that arrived together run inside one outer
 * transaction (each job's own transaction becomes a savepoint) and are answered only after it
 * commits, so an ack still means stored, and a busy class pays for one commit per batch
 * instead of one per command. A job whose error rolled the batch back, or a failed commit,
 * turns the unstored replies into "send it again".
 */
import type Database from "better-sqlite3";
import type { ClientMessage, ServerReply } from "../../game/protocol";
import type { AttemptWrite } from "../play/attempt-store";
import type { AttemptCache } from "../play/attempt-cache";

export interface PlayJob {
  readonly id: number;
  readonly playerId: string;
  readonly message: ClientMessage;
}

export interface PlayDone {
  readonly id: number;
  readonly reply: ServerReply;
}

/** Never throws: a refusal or a fault is an error reply (the play service's handleMessage). */
export type HandleMessage = (playerId: string, message: ClientMessage) => ServerReply;

const NOT_STORED: ServerReply = { ok: false, error: "the server could not store this; send it again" };

function begin(sqlite: Database.Database, cache: AttemptCache | undefined): boolean {
  try {
    sqlite.exec("BEGIN IMMEDIATE");
    cache?.arm();
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

/**
 * `cache`, the play service's (AttemptCache), is armed while the batch holds the write lock,
 * and forgets everything when anything is rolled back.
 */
export function runPlayBatch(sqlite: Database.Database, handle: HandleMessage, jobs: readonly PlayJob[], cache?: AttemptCache): PlayDone[] {
  const done: PlayDone[] = [];
  let open = begin(sqlite, cache);
  let from = 0;
  for (const job of jobs) {
    done.push({ id: job.id, reply: handle(job.playerId, job.message) });
    if (open && !sqlite.inTransaction) {
      // An error (disk full, I/O) rolled the whole batch back.
      cache?.forgetAll();
      unstored(done, from);
      open = begin(sqlite, cache);
      from = done.length;
    }
  }
  if (open) {
    try {
      sqlite.exec("COMMIT");
      cache?.disarm();
    } catch (error) {
      console.error("podpath: a play worker could not commit a batch", error);
      cache?.forgetAll();
      unstored(done, from);
      if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
    }
  }
  return done;
}

/**
 * The rows each job of a batch wrote, for the worker's dashboard cells (cell-tracker.ts): give
 * `record` to the play service as its onWrite, then run batches through `run`.
 */
export class BatchWrites {
  private current: AttemptWrite[] = [];
  /** The play service's attempt cache, once there is one (runPlayBatch). */
  cache: AttemptCache | undefined;
  readonly record = (write: AttemptWrite): void => {
    this.current.push(write);
  };

  /**
   * runPlayBatch, and for each job the writes that were stored: none for a refused job (its
   * writes were rolled back), nor for one whose batch failed (its reply says so).
   */
  run(sqlite: Database.Database, handle: HandleMessage, jobs: readonly PlayJob[]): { done: PlayDone[]; stored: AttemptWrite[][] } {
    const writes: AttemptWrite[][] = [];
    const done = runPlayBatch(sqlite, (playerId, message) => {
      this.current = [];
      const reply = handle(playerId, message);
      writes.push(this.current);
      return reply;
    }, jobs, this.cache);
    return { done, stored: done.map((d, i) => (d.reply.ok ? writes[i]! : [])) };
  }
}
