/**
 * Reads and writes of players, attempts, command logs and verdicts. Synchronous: better-sqlite3 is.
 * The statements on a command's path are prepared once per store (attempt-statements.ts):
 * building and preparing the SQL anew for every call cost more than running it.
 */
import type Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import type { LogEntry, VerdictSummary } from "../../game/protocol";
import { sqliteOf, type Orm } from "../db/open";
import { attempts, attemptVerdicts, commands, players, verdicts } from "../db/schema";
import { prepareAttemptStatements, prepareAttemptUpdate, type ATTEMPT_UPDATABLE, type AttemptStatements } from "./attempt-statements";
import { AttemptCache } from "./attempt-cache";
import { keepJson, parseKeepingJson } from "./kept-json";

export type AttemptRow = typeof attempts.$inferSelect;
export type VerdictCause = (typeof verdicts.$inferInsert)["cause"];
/** A new attempt; the other columns start at their defaults (unsolved, no stars or help, active). */
export type NewAttempt = Pick<AttemptRow, "id" | "playerId" | "levelId" | "seed" | "startedAt">;
export type AttemptPatch = Partial<Pick<AttemptRow, keyof typeof ATTEMPT_UPDATABLE>>;

/** A row this store wrote (or is writing, inside a transaction that may still roll back): for a listener that keeps totals of its own. */
export type AttemptWrite =
  | { readonly kind: "attempt"; readonly row: NewAttempt }
  | { readonly kind: "update"; readonly id: string; readonly patch: AttemptPatch }
  | { readonly kind: "command"; readonly attemptId: string }
  | { readonly kind: "verdict"; readonly attemptId: string; readonly passed: number; readonly total: number; readonly at: string };

export interface AttemptStoreOptions {
  /** Keep this many attempts' rows and logs in memory (AttemptCache): for a play worker, whose batches arm it. */
  readonly cache?: number;
}

/** SQLite stores booleans as 0/1 (better-sqlite3 binds no booleans). */
const bit = (value: boolean): number => (value ? 1 : 0);

export class AttemptStore {
  private readonly sqlite: Database.Database;
  private readonly q: AttemptStatements;
  private readonly updates = new Map<string, Database.Statement>();
  /** One transaction function for every write: inside a play worker's batch it runs as a savepoint. */
  private readonly write: Database.Transaction<(write: () => unknown) => unknown>;

  /** A play worker's (AttemptStoreOptions.cache): armed and disarmed by its batches (play-batch.ts). */
  readonly cache?: AttemptCache;

  constructor(
    private readonly orm: Orm,
    private readonly onWrite?: (write: AttemptWrite) => void,
    options: AttemptStoreOptions = {},
  ) {
    this.sqlite = sqliteOf(orm);
    this.q = prepareAttemptStatements(this.sqlite);
    this.write = this.sqlite.transaction((write: () => unknown) => write());
    if (options.cache) this.cache = new AttemptCache(this.sqlite, options.cache);
  }

  /** Runs `write` as one transaction; BEGIN IMMEDIATE, so a second connection waits instead of failing halfway. */
  transaction<T>(write: () => T): T {
    try {
      return this.write.immediate(write) as T;
    } catch (error) {
      // Rolled back: what the cache learned from its writes was not stored.
      this.cache?.forgetAll();
      throw error;
    }
  }

  ensurePlayer(id: string, now: string): void {
    this.orm.insert(players).values({ id, createdAt: now }).onConflictDoNothing().run();
  }

  setNickname(id: string, nickname: string, now: string): void {
    this.orm.insert(players).values({ id, nickname, createdAt: now }).onConflictDoUpdate({ target: players.id, set: { nickname } }).run();
  }

  attempt(id: string): AttemptRow | undefined {
    // No closures on this path: the server's TypeScript loader wraps each one it makes.
    const kept = this.cache?.row(id);
    if (kept) return kept;
    const row = toAttemptRow(this.q.attempt.get(id) as RawAttempt | undefined);
    this.cache?.rowRead(id, row);
    return row;
  }

  activeAttempt(playerId: string, levelId: string): AttemptRow | undefined {
    return toAttemptRow(this.q.activeAttempt.get(playerId, levelId) as RawAttempt | undefined);
  }

  insertAttempt(row: NewAttempt): void {
    this.q.insertAttempt.run(row);
    this.cache?.inserted(row.id);
    this.onWrite?.({ kind: "attempt", row });
  }

  updateAttempt(id: string, patch: AttemptPatch): void {
    const keys = (Object.keys(patch) as (keyof AttemptPatch)[]).filter((k) => patch[k] !== undefined).sort();
    if (keys.length === 0) return;
    const signature = keys.join(",");
    let update = this.updates.get(signature);
    if (!update) this.updates.set(signature, (update = prepareAttemptUpdate(this.sqlite, keys)));
    const values: Record<string, unknown> = { id };
    for (const k of keys) values[k] = typeof patch[k] === "boolean" ? bit(patch[k]) : patch[k];
    update.run(values);
    this.cache?.updated(id, patch);
    this.onWrite?.({ kind: "update", id, patch });
  }

  log(attemptId: string): readonly LogEntry[] {
    const kept = this.cache?.log(attemptId);
    if (kept) return kept;
    const log = (this.q.log.all(attemptId) as RawCommand[]).map(toLogEntry);
    this.cache?.logRead(attemptId, log);
    return log;
  }

  /** A command and the verdict it got, in one row. */
  insertCommand(attemptId: string, entry: LogEntry, verdict: VerdictSummary, now: string): void {
    this.q.insertCommand.run({
      attemptId,
      seq: entry.seq,
      host: entry.host,
      line: entry.line,
      accepted: bit(entry.accepted),
      error: entry.error ?? null,
      output: entry.output ?? null,
      changed: bit(entry.changed),
      undone: bit(entry.undone),
      createdAt: now,
      solved: bit(verdict.solved),
      passed: verdict.passed,
      total: verdict.total,
      json: keepJson(verdict),
    });
    this.cache?.commandAdded(attemptId, storedEntry(entry));
    this.onWrite?.({ kind: "command", attemptId });
    this.onWrite?.({ kind: "verdict", attemptId, passed: verdict.passed, total: verdict.total, at: now });
  }

  markUndone(attemptId: string, seq: number): void {
    this.q.markUndone.run(attemptId, seq);
    this.cache?.commandUndone(attemptId, seq);
  }

  /** A verdict that is not a command's: an attempt's start, or an undo. */
  insertVerdict(attemptId: string, seq: number, cause: Exclude<VerdictCause, "command">, verdict: VerdictSummary, now: string): void {
    this.q.insertVerdict.run({ attemptId, seq, cause, solved: bit(verdict.solved), passed: verdict.passed, total: verdict.total, json: keepJson(verdict), createdAt: now });
    this.onWrite?.({ kind: "verdict", attemptId, passed: verdict.passed, total: verdict.total, at: now });
  }

  /** The attempt's current verdict: the newest one stored. */
  latestVerdict(attemptId: string): VerdictSummary | undefined {
    const json = this.q.latestVerdict.get({ attemptId }) as string | null;
    return json === null ? undefined : parseKeepingJson<VerdictSummary>(json);
  }

  /** The verdict given right after command `seq`. */
  commandVerdict(attemptId: string, seq: number): VerdictSummary | undefined {
    const json = this.q.commandVerdict.get(attemptId, seq) as string | undefined;
    return json === undefined ? undefined : parseKeepingJson<VerdictSummary>(json);
  }

  /** Counts, for tests and diagnostics (verdicts: every verdict given, commands' included). */
  counts(): { players: number; attempts: number; commands: number; verdicts: number } {
    const count = (table: typeof players | typeof attempts | typeof commands | typeof attemptVerdicts) =>
      this.orm.select({ n: sql<number>`count(*)` }).from(table).get()?.n ?? 0;
    return { players: count(players), attempts: count(attempts), commands: count(commands), verdicts: count(attemptVerdicts) };
  }
}

type RawAttempt = Omit<AttemptRow, "solutionShown" | "active"> & { solutionShown: number; active: number };
type RawCommand = Pick<typeof commands.$inferSelect, "seq" | "host" | "line" | "error" | "output"> & { accepted: number; changed: number; undone: number };

function toAttemptRow(raw: RawAttempt | undefined): AttemptRow | undefined {
  return raw && { ...raw, solutionShown: raw.solutionShown === 1, active: raw.active === 1 };
}

/** `entry` as the log query reads it back: the fields it stores, in the query's order. */
export function storedEntry(e: LogEntry): LogEntry {
  return {
    seq: e.seq,
    host: e.host,
    line: e.line,
    accepted: e.accepted,
    ...(e.error !== undefined ? { error: e.error } : {}),
    ...(e.output !== undefined ? { output: e.output } : {}),
    changed: e.changed,
    undone: e.undone,
  };
}

function toLogEntry(row: RawCommand): LogEntry {
  return {
    seq: row.seq,
    host: row.host,
    line: row.line,
    accepted: row.accepted === 1,
    ...(row.error !== null ? { error: row.error } : {}),
    ...(row.output !== null ? { output: row.output } : {}),
    changed: row.changed === 1,
    undone: row.undone === 1,
  };
}
