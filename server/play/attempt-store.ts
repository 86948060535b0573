/** Reads and writes of players, attempts, command logs and verdicts. Synchronous: better-sqlite3 is. */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { LogEntry, VerdictSummary } from "../../game/protocol";
import type { Orm } from "../db/open";
import { attempts, commands, players, verdicts } from "../db/schema";

export type AttemptRow = typeof attempts.$inferSelect;
export type VerdictCause = (typeof verdicts.$inferInsert)["cause"];

export class AttemptStore {
  constructor(private readonly orm: Orm) {}

  /** Runs `write` as one transaction; BEGIN IMMEDIATE, so a second connection waits instead of failing halfway. */
  transaction<T>(write: () => T): T {
    return this.orm.transaction(() => write(), { behavior: "immediate" });
  }

  ensurePlayer(id: string, now: string): void {
    this.orm.insert(players).values({ id, createdAt: now }).onConflictDoNothing().run();
  }

  setNickname(id: string, nickname: string, now: string): void {
    this.orm.insert(players).values({ id, nickname, createdAt: now }).onConflictDoUpdate({ target: players.id, set: { nickname } }).run();
  }

  attempt(id: string): AttemptRow | undefined {
    return this.orm.select().from(attempts).where(eq(attempts.id, id)).get();
  }

  activeAttempt(playerId: string, levelId: string): AttemptRow | undefined {
    return this.orm
      .select()
      .from(attempts)
      .where(and(eq(attempts.playerId, playerId), eq(attempts.levelId, levelId), eq(attempts.active, true)))
      .get();
  }

  insertAttempt(row: typeof attempts.$inferInsert): void {
    this.orm.insert(attempts).values(row).run();
  }

  updateAttempt(id: string, patch: Partial<Pick<AttemptRow, "solvedAt" | "stars" | "hintsShown" | "solutionShown" | "active">>): void {
    this.orm.update(attempts).set(patch).where(eq(attempts.id, id)).run();
  }

  log(attemptId: string): LogEntry[] {
    return this.orm.select().from(commands).where(eq(commands.attemptId, attemptId)).orderBy(asc(commands.seq)).all().map(toLogEntry);
  }

  insertCommand(attemptId: string, entry: LogEntry, now: string): void {
    this.orm
      .insert(commands)
      .values({
        attemptId,
        seq: entry.seq,
        host: entry.host,
        line: entry.line,
        accepted: entry.accepted,
        error: entry.error ?? null,
        output: entry.output ?? null,
        changed: entry.changed,
        undone: entry.undone,
        createdAt: now,
      })
      .run();
  }

  markUndone(attemptId: string, seq: number): void {
    this.orm.update(commands).set({ undone: true }).where(and(eq(commands.attemptId, attemptId), eq(commands.seq, seq))).run();
  }

  insertVerdict(attemptId: string, seq: number, cause: VerdictCause, verdict: VerdictSummary, now: string): void {
    this.orm
      .insert(verdicts)
      .values({ attemptId, seq, cause, solved: verdict.solved, passed: verdict.passed, total: verdict.total, json: JSON.stringify(verdict), createdAt: now })
      .run();
  }

  /** The attempt's current verdict: the newest one stored. */
  latestVerdict(attemptId: string): VerdictSummary | undefined {
    const row = this.orm.select({ json: verdicts.json }).from(verdicts).where(eq(verdicts.attemptId, attemptId)).orderBy(desc(verdicts.id)).limit(1).get();
    return row && (JSON.parse(row.json) as VerdictSummary);
  }

  /** The verdict given right after command `seq`. */
  commandVerdict(attemptId: string, seq: number): VerdictSummary | undefined {
    const row = this.orm
      .select({ json: verdicts.json })
      .from(verdicts)
      .where(and(eq(verdicts.attemptId, attemptId), eq(verdicts.seq, seq), eq(verdicts.cause, "command")))
      .orderBy(desc(verdicts.id))
      .limit(1)
      .get();
    return row && (JSON.parse(row.json) as VerdictSummary);
  }

  /** Counts, for tests and diagnostics. */
  counts(): { players: number; attempts: number; commands: number; verdicts: number } {
    const count = (table: typeof players | typeof attempts | typeof commands | typeof verdicts) =>
      this.orm.select({ n: sql<number>`count(*)` }).from(table).get()?.n ?? 0;
    return { players: count(players), attempts: count(attempts), commands: count(commands), verdicts: count(verdicts) };
  }
}

function toLogEntry(row: typeof commands.$inferSelect): LogEntry {
  return {
    seq: row.seq,
    host: row.host,
    line: row.line,
    accepted: row.accepted,
    ...(row.error !== null ? { error: row.error } : {}),
    ...(row.output !== null ? { output: row.output } : {}),
    changed: row.changed,
    undone: row.undone,
  };
}
