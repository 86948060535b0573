/**
 * The database: players, their attempts at levels, each attempt's command log and the verdicts
 * the server judged; instructors, their sessions and classes, class members and messages. The command log is the source of truth; an attempt's state is its level's
 * start state plus its accepted, not undone commands. Times are ISO 8601 strings.
 */
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, sqliteView, text, uniqueIndex } from "drizzle-orm/sqlite-core";

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
    /**
     * The verdict this command got, in its own row: one insert and one index entry per command
     * instead of two (server/classroom/README.md, Performance). Null in rows stored before
     * migration 0002, whose verdicts are rows of `verdicts` with cause "command".
     */
    verdictSolved: integer("verdict_solved", { mode: "boolean" }),
    verdictPassed: integer("verdict_passed"),
    verdictTotal: integer("verdict_total"),
    verdictJson: text("verdict_json"),
  },
  (t) => [uniqueIndex("commands_attempt_seq").on(t.attemptId, t.seq)],
);

/**
 * The verdicts given when an attempt starts (seq 0) and on each undo (the log's last seq then);
 * older databases also hold one per command (its seq). A command's verdict is now in its
 * `commands` row; `attemptVerdicts` reads both.
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

/**
 * Every verdict an attempt got, oldest first by `ord`: its start, each command's (from its
 * `commands` row, or a `verdicts` row in databases older than migration 0002) and each undo's.
 * `ord` orders one attempt's verdicts as they were given: by seq, an undo after the command
 * with the same seq, and undos with the same seq by id. The greatest `ord` is the attempt's
 * current verdict. It orders within one attempt only.
 */
export const attemptVerdicts = sqliteView("attempt_verdicts", {
  attemptId: text("attempt_id").notNull(),
  seq: integer("seq").notNull(),
  cause: text("cause", { enum: ["start", "command", "undo"] }).notNull(),
  solved: integer("solved", { mode: "boolean" }).notNull(),
  passed: integer("passed").notNull(),
  total: integer("total").notNull(),
  json: text("json").notNull(),
  createdAt: text("created_at").notNull(),
  ord: integer("ord").notNull(),
}).existing();

/** Instructors sign in with email and password (scrypt, per-user salt: server/auth/password.ts). */
export const instructors = sqliteTable(
  "instructors",
  {
    id: text("id").primaryKey(),
    /** Trimmed and lower-cased. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    /** `scrypt$N$r$p$salt$hash`, salt and hash in base64url. */
    passwordHash: text("password_hash").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("instructors_email").on(t.email)],
);

/** A signed-in browser: the pp_session cookie holds a random token; only its SHA-256 is stored. */
export const instructorSessions = sqliteTable(
  "instructor_sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    instructorId: text("instructor_id").notNull().references(() => instructors.id),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
  },
  (t) => [index("instructor_sessions_instructor").on(t.instructorId)],
);

/**
 * A class: its levels in order, pacing and variants, a join code unique among classes not
 * ended, and its lifecycle as the class machine's persisted snapshot (game/class-machine.ts);
 * `status` repeats the snapshot's state for queries.
 */
export const classes = sqliteTable(
  "classes",
  {
    id: text("id").primaryKey(),
    instructorId: text("instructor_id").notNull().references(() => instructors.id),
    title: text("title").notNull(),
    code: text("code").notNull(),
    levelIds: text("level_ids", { mode: "json" }).$type<string[]>().notNull(),
    pacing: text("pacing", { enum: ["free", "unlocked"] }).notNull(),
    /** Each student gets their own seed (variant) of every level; otherwise the whole class plays `seed`. */
    variants: integer("variants", { mode: "boolean" }).notNull(),
    seed: integer("seed").notNull(),
    /** A working cell with no new passing goal for this long shows as stuck. */
    stuckMinutes: integer("stuck_minutes").notNull(),
    status: text("status", { enum: ["lobby", "running", "paused", "ended"] }).notNull(),
    machine: text("machine").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("classes_open_code").on(t.code).where(sql`${t.status} <> 'ended'`), index("classes_instructor").on(t.instructorId)],
);

/**
 * A student's membership of a class. They play as their own player, `cs.<id>` (a player id the
 * pp_player cookie can never hold), so their attempts are the membership's attempts.
 * The pp_student cookie holds a random token; only its SHA-256 is stored.
 */
export const classStudents = sqliteTable(
  "class_students",
  {
    id: text("id").primaryKey(),
    classId: text("class_id").notNull().references(() => classes.id),
    playerId: text("player_id").notNull().references(() => players.id),
    /** As typed (plain text, markup and all). */
    nickname: text("nickname").notNull(),
    /** Case- and width-folded: one student per key in a class. */
    nicknameKey: text("nickname_key").notNull(),
    tokenHash: text("token_hash").notNull(),
    seed: integer("seed").notNull(),
    joinedAt: text("joined_at").notNull(),
    removedAt: text("removed_at"),
  },
  (t) => [
    uniqueIndex("class_students_nickname").on(t.classId, t.nicknameKey),
    uniqueIndex("class_students_token").on(t.tokenHash),
    uniqueIndex("class_students_player").on(t.playerId),
  ],
);

/** What an instructor sent: to every student (studentId null) or to one. Plain text. */
export const classMessages = sqliteTable(
  "class_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    classId: text("class_id").notNull().references(() => classes.id),
    studentId: text("student_id").references(() => classStudents.id),
    text: text("text").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("class_messages_class").on(t.classId, t.id)],
);

export const schema = { players, attempts, commands, verdicts, instructors, instructorSessions, classes, classStudents, classMessages };
export type Schema = typeof schema;
