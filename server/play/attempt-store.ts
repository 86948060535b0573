/**
 * Reads and writes of players, attempts, command logs and verdicts. Synchronous: better-sqlite3 is.
 * The statements on a command's path are prepared once per store: building and preparing the
 * SQL anew for every call cost more than running it.
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { LogEntry, VerdictSummary } from "../../game/protocol";
import type { Orm } from "../db/open";
import { attempts, commands, players, verdicts } from "../db/schema";

export type AttemptRow = typeof attempts.$inferSelect;
export type VerdictCause = (typeof verdicts.$inferInsert)["cause"];

const p = sql.placeholder;

export class AttemptStore {
  private readonly q;
  private readonly updates = new Map<string, { run(values: Record<string, unknown>): unknown }>();

  constructor(private readonly orm: Orm) {
    this.q = {
      attempt: orm.select().from(attempts).where(eq(attempts.id, p("id"))).prepare(),
      activeAttempt: orm
        .select()
        .from(attempts)
        .where(and(eq(attempts.playerId, p("playerId")), eq(attempts.levelId, p("levelId")), eq(attempts.active, true)))
        .prepare(),
      log: orm.select().from(commands).where(eq(commands.attemptId, p("attemptId"))).orderBy(asc(commands.seq)).prepare(),
      insertCommand: orm
        .insert(commands)
        .values({ attemptId: p("attemptId"), seq: p("seq"), host: p("host"), line: p("line"), accepted: p("accepted"), error: p("error"), output: p("output"), changed: p("changed"), undone: p("undone"), createdAt: p("createdAt") })
        .prepare(),
      insertVerdict: orm
        .insert(verdicts)
        .values({ attemptId: p("attemptId"), seq: p("seq"), cause: p("cause"), solved: p("solved"), passed: p("passed"), total: p("total"), json: p("json"), createdAt: p("createdAt") })
        .prepare(),
      latestVerdict: orm.select({ json: verdicts.json }).from(verdicts).where(eq(verdicts.attemptId, p("attemptId"))).orderBy(desc(verdicts.id)).limit(1).prepare(),
      commandVerdict: orm
        .select({ json: verdicts.json })
        .from(verdicts)
        .where(and(eq(verdicts.attemptId, p("attemptId")), eq(verdicts.seq, p("seq")), eq(verdicts.cause, "command")))
        .orderBy(desc(verdicts.id))
        .limit(1)
        .prepare(),
    };
  }

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
    return this.q.attempt.get({ id });
  }

  activeAttempt(playerId: string, levelId: string): AttemptRow | undefined {
    return this.q.activeAttempt.get({ playerId, levelId });
  }

  insertAttempt(row: typeof attempts.$inferInsert): void {
    this.orm.insert(attempts).values(row).run();
  }

  updateAttempt(id: string, patch: Partial<Pick<AttemptRow, "solvedAt" | "stars" | "hintsShown" | "solutionShown" | "active">>): void {
    const keys = (Object.keys(patch) as (keyof typeof patch)[]).filter((k) => patch[k] !== undefined).sort();
    if (keys.length === 0) return;
    const signature = keys.join(",");
    let update = this.updates.get(signature);
    if (!update) {
      update = this.orm
        .update(attempts)
        .set(Object.fromEntries(keys.map((k) => [k, p(k)])))
        .where(eq(attempts.id, p("id")))
        .prepare();
      this.updates.set(signature, update);
    }
    update.run({ ...patch, id });
  }

  log(attemptId: string): LogEntry[] {
    return this.q.log.all({ attemptId }).map(toLogEntry);
  }

  insertCommand(attemptId: string, entry: LogEntry, now: string): void {
    this.q.insertCommand.run({
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
    });
  }

  markUndone(attemptId: string, seq: number): void {
    this.orm.update(commands).set({ undone: true }).where(and(eq(commands.attemptId, attemptId), eq(commands.seq, seq))).run();
  }

  insertVerdict(attemptId: string, seq: number, cause: VerdictCause, verdict: VerdictSummary, now: string): void {
    this.q.insertVerdict.run({ attemptId, seq, cause, solved: verdict.solved, passed: verdict.passed, total: verdict.total, json: JSON.stringify(verdict), createdAt: now });
  }

  /** The attempt's current verdict: the newest one stored. */
  latestVerdict(attemptId: string): VerdictSummary | undefined {
    const row = this.q.latestVerdict.get({ attemptId });
    return row && (JSON.parse(row.json) as VerdictSummary);
  }

  /** The verdict given right after command `seq`. */
  commandVerdict(attemptId: string, seq: number): VerdictSummary | undefined {
    const row = this.q.commandVerdict.get({ attemptId, seq });
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
