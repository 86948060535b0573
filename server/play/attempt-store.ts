/**
 * Reads and writes of players, attempts, command logs and verdicts. Synchronous: better-sqlite3 is.
 * The statements on a command's path are prepared once per store (attempt-statements.ts):
 * building and preparing the SQL anew for every call cost more than running it.
 */
import type Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import type { LogEntry, VerdictSummary } from "../../game/protocol";
import { sqliteOf, type Orm } from "../db/open";
import { attempts, commands, players, verdicts } from "../db/schema";
import { prepareAttemptStatements, prepareAttemptUpdate, type ATTEMPT_UPDATABLE, type AttemptStatements } from "./attempt-statements";

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

/** SQLite stores booleans as 0/1 (better-sqlite3 binds no booleans). */
const bit = (value: boolean): number => (value ? 1 : 0);

export class AttemptStore {
  private readonly sqlite: Database.Database;
  private readonly q: AttemptStatements;
  private readonly updates = new Map<string, Database.Statement>();
  /** One transaction function for every write: inside a play worker's batch it runs as a savepoint. */
  private readonly write: Database.Transaction<(write: () => unknown) => unknown>;

  constructor(
    private readonly orm: Orm,
    private readonly onWrite?: (write: AttemptWrite) => void,
  ) {
    this.sqlite = sqliteOf(orm);
    this.q = prepareAttemptStatements(this.sqlite);
    this.write = this.sqlite.transaction((write: () => unknown) => write());
  }

  /** Runs `write` as one transaction; BEGIN IMMEDIATE, so a second connection waits instead of failing halfway. */
  transaction<T>(write: () => T): T {
    return this.write.immediate(write) as T;
  }

  ensurePlayer(id: string, now: string): void {
    this.orm.insert(players).values({ id, createdAt: now }).onConflictDoNothing().run();
  }

  setNickname(id: string, nickname: string, now: string): void {
    this.orm.insert(players).values({ id, nickname, createdAt: now }).onConflictDoUpdate({ target: players.id, set: { nickname } }).run();
  }

  attempt(id: string): AttemptRow | undefined {
    return toAttemptRow(this.q.attempt.get(id) as RawAttempt | undefined);
  }

  activeAttempt(playerId: string, levelId: string): AttemptRow | undefined {
    return toAttemptRow(this.q.activeAttempt.get(playerId, levelId) as RawAttempt | undefined);
  }

  insertAttempt(row: NewAttempt): void {
    this.q.insertAttempt.run(row);
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
    this.onWrite?.({ kind: "update", id, patch });
  }

  log(attemptId: string): LogEntry[] {
    return (this.q.log.all(attemptId) as RawCommand[]).map(toLogEntry);
  }

  insertCommand(attemptId: string, entry: LogEntry, now: string): void {
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
    });
    this.onWrite?.({ kind: "command", attemptId });
  }

  markUndone(attemptId: string, seq: number): void {
    this.q.markUndone.run(attemptId, seq);
  }

  insertVerdict(attemptId: string, seq: number, cause: VerdictCause, verdict: VerdictSummary, now: string): void {
    this.q.insertVerdict.run({ attemptId, seq, cause, solved: bit(verdict.solved), passed: verdict.passed, total: verdict.total, json: JSON.stringify(verdict), createdAt: now });
    this.onWrite?.({ kind: "verdict", attemptId, passed: verdict.passed, total: verdict.total, at: now });
  }

  /** The attempt's current verdict: the newest one stored. */
  latestVerdict(attemptId: string): VerdictSummary | undefined {
    const json = this.q.latestVerdict.get(attemptId) as string | undefined;
    return json === undefined ? undefined : (JSON.parse(json) as VerdictSummary);
  }

  /** The verdict given right after command `seq`. */
  commandVerdict(attemptId: string, seq: number): VerdictSummary | undefined {
    const json = this.q.commandVerdict.get(attemptId, seq) as string | undefined;
    return json === undefined ? undefined : (JSON.parse(json) as VerdictSummary);
  }

  /** Counts, for tests and diagnostics. */
  counts(): { players: number; attempts: number; commands: number; verdicts: number } {
    const count = (table: typeof players | typeof attempts | typeof commands | typeof verdicts) =>
      this.orm.select({ n: sql<number>`count(*)` }).from(table).get()?.n ?? 0;
    return { players: count(players), attempts: count(attempts), commands: count(commands), verdicts: count(verdicts) };
  }
}

type RawAttempt = Omit<AttemptRow, "solutionShown" | "active"> & { solutionShown: number; active: number };
type RawCommand = Pick<typeof commands.$inferSelect, "seq" | "host" | "line" | "error" | "output"> & { accepted: number; changed: number; undone: number };

function toAttemptRow(raw: RawAttempt | undefined): AttemptRow | undefined {
  return raw && { ...raw, solutionShown: raw.solutionShown === 1, active: raw.active === 1 };
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
