/**
 * A play worker's memory of the attempts it serves: each attempt's row and command log as the
 * worker last read or wrote them, so a command does not read both back from SQLite.
 *
 * It is trusted only while it is armed, and it is armed only inside a batch that holds SQLite's
 * write lock (BEGIN IMMEDIATE) and has found that no other connection committed since the last
 * batch (PRAGMA data_version changes exactly then). Nothing else in the server writes a worker's
 * students' attempts, but the cache does not rely on it: another connection (the main thread's,
 * another process's on the same file) could, and then nothing kept is trusted. Any
 * rollback, of a job's savepoint or of the batch, forgets everything, so nothing rolled back
 * is remembered. Disarmed, reads go to the database and writes forget what they touch.
 */
import type Database from "better-sqlite3";
import type { LogEntry } from "../../game/protocol";
import { OtherCommits } from "../db/other-commits";
import type { AttemptPatch, AttemptRow } from "./attempt-store";
import { Lru } from "./lru";

export class AttemptCache {
  private readonly rows: Lru<string, AttemptRow>;
  private readonly logs: Lru<string, readonly LogEntry[]>;
  private readonly otherCommits: OtherCommits;
  private armed = false;
  /** Reads answered from memory, for tests and diagnostics. */
  hits = 0;

  constructor(sqlite: Database.Database, capacity = 5000) {
    this.rows = new Lru(capacity);
    this.logs = new Lru(capacity);
    this.otherCommits = new OtherCommits(sqlite);
  }

  /** Right after BEGIN IMMEDIATE: trust what is kept, unless another connection has committed since the last batch. */
  arm(): void {
    if (this.otherCommits.sinceLastLook()) this.forgetAll();
    this.armed = true;
  }

  /** After COMMIT. */
  disarm(): void {
    this.armed = false;
  }

  /** After a rollback of any size, or a failed commit. */
  forgetAll(): void {
    this.rows.clear();
    this.logs.clear();
    this.armed = false;
  }

  /** The kept row, if the cache is armed and has it. */
  row(id: string): AttemptRow | undefined {
    const kept = this.armed ? this.rows.get(id) : undefined;
    if (kept) this.hits++;
    return kept;
  }

  /** A row just read from the database. */
  rowRead(id: string, row: AttemptRow | undefined): void {
    if (row && this.armed) this.rows.set(id, row);
  }

  /** The kept log, if the cache is armed and has it. */
  log(attemptId: string): readonly LogEntry[] | undefined {
    const kept = this.armed ? this.logs.get(attemptId) : undefined;
    if (kept) this.hits++;
    return kept;
  }

  /** A log just read from the database. */
  logRead(attemptId: string, log: readonly LogEntry[]): void {
    if (this.armed) this.logs.set(attemptId, log);
  }

  /** A new attempt: its row is read whole when first asked for (the database fills in its defaults); its log is empty. */
  inserted(id: string): void {
    this.rows.delete(id);
    if (this.armed) this.logs.set(id, []);
    else this.logs.delete(id);
  }

  updated(id: string, patch: AttemptPatch): void {
    const kept = this.armed ? this.rows.get(id) : undefined;
    if (kept) this.rows.set(id, { ...kept, ...definedOnly(patch) });
    else this.rows.delete(id);
  }

  /** `entry` as the log query reads it back (storedEntry in attempt-store.ts). */
  commandAdded(attemptId: string, entry: LogEntry): void {
    const kept = this.armed ? this.logs.get(attemptId) : undefined;
    if (kept) this.logs.set(attemptId, [...kept, entry]);
    else this.logs.delete(attemptId);
  }

  commandUndone(attemptId: string, seq: number): void {
    const kept = this.armed ? this.logs.get(attemptId) : undefined;
    if (kept) this.logs.set(attemptId, kept.map((e) => (e.seq === seq ? { ...e, undone: true } : e)));
    else this.logs.delete(attemptId);
  }
}

/** updateAttempt skips undefined values; so must the kept row. */
function definedOnly(patch: AttemptPatch): AttemptPatch {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) out[k] = v;
  return out as AttemptPatch;
}
