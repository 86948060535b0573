/**
 * The database: players, their attempts at levels, each attempt's command log and the verdicts
 * the server judged. The command log is the source of truth; an attempt's state is its level's
 * start state plus its accepted, not undone commands. Times are ISO 8601 strings.
 */
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const players = sqliteTable("players", {
  id: text("id").primaryKey(),
  nickname: text("nickname"),
  createdAt: text("created_at").notNull(),
});

export const attempts = sqliteTable(
  "attempts",
  {
    id: text("id").primaryKey(),
    playerId: text("player_id").notNull().references(() => players.id),
    levelId: text("level_id").notNull(),
    seed: integer("seed").notNull(),
    startedAt: text("started_at").notNull(),
    solvedAt: text("solved_at"),
    stars: integer("stars").notNull().default(0),
    hintsShown: integer("hints_shown").notNull().default(0),
    solutionShown: integer("solution_shown", { mode: "boolean" }).notNull().default(false),
    /** A reset deactivates the attempt and starts a new one; a player has one active attempt per level. */
    active: integer("active", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [
    uniqueIndex("attempts_one_active").on(t.playerId, t.levelId).where(sql`${t.active} = 1`),
    index("attempts_player").on(t.playerId, t.levelId),
  ],
);

export const commands = sqliteTable(
  "commands",
  {
    attemptId: text("attempt_id").notNull().references(() => attempts.id),
    seq: integer("seq").notNull(),
    host: text("host").notNull(),
    line: text("line").notNull(),
    accepted: integer("accepted", { mode: "boolean" }).notNull(),
    error: text("error"),
    output: text("output"),
    changed: integer("changed", { mode: "boolean" }).notNull(),
    undone: integer("undone", { mode: "boolean" }).notNull().default(false),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("commands_attempt_seq").on(t.attemptId, t.seq)],
);

/**
 * Every verdict the server gave: one when the attempt starts (seq 0), one per command (its seq),
 * one per undo (the log's last seq then). The newest row is the attempt's current verdict.
 */
export const verdicts = sqliteTable(
  "verdicts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    attemptId: text("attempt_id").notNull().references(() => attempts.id),
    seq: integer("seq").notNull(),
    cause: text("cause", { enum: ["start", "command", "undo"] }).notNull(),
    solved: integer("solved", { mode: "boolean" }).notNull(),
    passed: integer("passed").notNull(),
    total: integer("total").notNull(),
    /** The VerdictSummary sent to the client. */
    json: text("json").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("verdicts_attempt").on(t.attemptId, t.id)],
);

export const schema = { players, attempts, commands, verdicts };
export type Schema = typeof schema;
