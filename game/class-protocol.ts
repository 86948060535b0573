/**
 * The classroom part of the socket protocol (version 1): requests that travel as more members of
 * game/protocol.ts's one `pp` union, their replies, and what the server pushes on `pp.push`.
 * Also the field rules the HTTP API shares (nickname, join code, message text).
 *
 * Everything a person typed (nicknames, titles, messages) is plain text: stored as typed and
 * sent back as typed. A screen renders it as text, never as HTML.
 */
import { z } from "zod";
import type { ClassStatus, Pacing } from "./class-machine";
import type { LogEntry, VerdictSummary } from "./protocol";

/** Server to client: `socket.on(PUSH_EVENT, (push: ServerPush) => ...)`. */
export const PUSH_EVENT = "pp.push";

export const MAX_NICKNAME_CHARS = 32;
export const MAX_MESSAGE_CHARS = 1000;
export const MAX_TITLE_CHARS = 100;
/** Join codes: no 0/O, 1/I/L, so a code read aloud or off a projector is typed right. */
export const JOIN_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const JOIN_CODE_LENGTH = 6;

// Control characters and the bidi overrides that make one text look like another.
const INVISIBLE = /[\p{Cc}\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/u;
const chars = (s: string) => [...s].length;

/** Trimmed, inner runs of spaces made one, NFC; 1-32 characters; markup is allowed (it is only text). */
export const nicknameSchema = z
  .string({ error: "must be text" })
  .transform((s) => s.normalize("NFC").trim().replace(/\s+/gu, " "))
  .refine((s) => s.length > 0, "is empty")
  .refine((s) => chars(s) <= MAX_NICKNAME_CHARS, `is longer than ${MAX_NICKNAME_CHARS} characters`)
  .refine((s) => !INVISIBLE.test(s), "has control or invisible characters");

/** What makes two nicknames the same person in a class: case and width folded. */
export function nicknameKey(nickname: string): string {
  return nickname.normalize("NFKC").toLowerCase();
}

/** A join code as typed: spaces and dashes dropped, upper-cased, then checked against the alphabet. */
export const joinCodeSchema = z
  .string({ error: "must be text" })
  .max(64, "is not a join code")
  .transform((s) => s.replace(/[\s-]/g, "").toUpperCase())
  .refine((s) => s.length === JOIN_CODE_LENGTH, `must be ${JOIN_CODE_LENGTH} characters`)
  .refine((s) => [...s].every((c) => JOIN_CODE_ALPHABET.includes(c)), `uses only ${JOIN_CODE_ALPHABET.length} letters and digits (no 0, O, 1, I or L)`);

export const messageTextSchema = z
  .string({ error: "must be text" })
  .transform((s) => s.normalize("NFC").trim())
  .refine((s) => s.length > 0, "is empty")
  .refine((s) => chars(s) <= MAX_MESSAGE_CHARS, `is longer than ${MAX_MESSAGE_CHARS} characters`)
  .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), "has control characters");

export const titleSchema = z
  .string({ error: "must be text" })
  .transform((s) => s.normalize("NFC").trim().replace(/\s+/gu, " "))
  .refine((s) => s.length > 0, "is empty")
  .refine((s) => chars(s) <= MAX_TITLE_CHARS, `is longer than ${MAX_TITLE_CHARS} characters`)
  .refine((s) => !INVISIBLE.test(s), "has control or invisible characters");

export const recordIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "is not an id");
export const levelIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "is not a level id");

/**
 * The classroom requests, built on the protocol's version literal (passed in, so that this
 * module and game/protocol.ts do not import each other's values).
 */
export function classRequestSchemas<V extends z.ZodType>(v: V) {
  const classId = recordIdSchema;
  const studentId = recordIdSchema;
  const onClass = <T extends string>(type: T) => z.strictObject({ v, type: z.literal(type), classId });
  return [
    /** Student: enter the class this socket's pp_student cookie belongs to (the code must be that class's). */
    z.strictObject({ v, type: z.literal("class.join"), code: joinCodeSchema }),
    /** Instructor (owner): lifecycle. */
    onClass("class.start"),
    onClass("class.pause"),
    onClass("class.resume"),
    onClass("class.end"),
    /** Instructor: open the next level (pacing "unlocked"). */
    onClass("class.unlock"),
    /** Instructor: a message or hint to every student, or to one. */
    z.strictObject({ v, type: z.literal("class.broadcast"), classId, text: messageTextSchema, studentId: studentId.optional() }),
    /** Instructor: take a student out of the class; their cookie stops working. */
    z.strictObject({ v, type: z.literal("class.remove"), classId, studentId }),
    /** Instructor: join the dashboard room; the reply is the whole dashboard, then `dashboard.batch` pushes follow. */
    onClass("class.watch"),
    /** Instructor: watch one student (read-only); the reply is the drill view, then `drill.update` pushes follow. */
    z.strictObject({ v, type: z.literal("class.drill"), classId, studentId, levelId: levelIdSchema.optional() }),
    /** Instructor: stop watching any student of this class. */
    onClass("class.undrill"),
  ] as const;
}

export type CellStatus = "not-started" | "working" | "solved" | "stuck";

export interface ClassStateView {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly status: ClassStatus;
  readonly pacing: Pacing;
  /** The class's levels in order; with pacing "unlocked", only the first `unlocked` may be opened. */
  readonly levelIds: readonly string[];
  readonly unlocked: number;
  /** Each student plays their own variant (seed) of every level. */
  readonly variants: boolean;
  readonly stuckMinutes: number;
  readonly startedAt?: string;
  readonly endedAt?: string;
}

export interface ClassMessageView {
  readonly id: number;
  readonly classId: string;
  /** Plain text. */
  readonly text: string;
  /** "all": every student; "student": only `studentId`. */
  readonly to: "all" | "student";
  readonly studentId?: string;
  readonly at: string;
}

export interface StudentLevelProgress {
  readonly status: "not-started" | "working" | "solved";
  readonly stars: number;
  readonly passed: number;
  readonly total: number;
}

/** What a student sees of their class: never another student. */
export interface StudentClassView {
  readonly student: { readonly id: string; readonly nickname: string };
  readonly class: ClassStateView;
  /** Messages to everyone and to this student, oldest first. */
  readonly messages: readonly ClassMessageView[];
  readonly progress: Readonly<Record<string, StudentLevelProgress>>;
}

export interface DashboardStudent {
  readonly id: string;
  readonly nickname: string;
  readonly online: boolean;
  readonly joinedAt: string;
}

/** One student at one level. A cell that is absent from a view is not started. */
export interface DashboardCell {
  readonly studentId: string;
  readonly levelId: string;
  readonly status: CellStatus;
  /** Goals the current attempt passes now, of how many. */
  readonly passed: number;
  readonly total: number;
  /** Best over the student's attempts at this level (0 until solved). */
  readonly stars: number;
  /** Command lines sent, over every attempt at this level. */
  readonly commands: number;
  readonly hintsUsed: number;
  readonly startedAt: string;
  /** When the current attempt last reached a new best number of passing goals (or began). */
  readonly lastProgressAt: string;
  readonly solvedAt?: string;
}

export interface LevelTotals {
  readonly levelId: string;
  readonly solved: number;
  readonly working: number;
  readonly stuck: number;
  readonly notStarted: number;
}

export interface DashboardTotals {
  readonly students: number;
  readonly online: number;
  readonly solved: number;
  readonly working: number;
  readonly stuck: number;
  readonly notStarted: number;
  readonly levels: readonly LevelTotals[];
}

export interface DashboardView {
  readonly class: ClassStateView;
  readonly levels: readonly { readonly id: string; readonly title: string; readonly track: string }[];
  readonly students: readonly DashboardStudent[];
  readonly cells: readonly DashboardCell[];
  readonly totals: DashboardTotals;
  /** Batches with a higher seq are newer than this view. */
  readonly seq: number;
  readonly at: string;
}

/** What changed since the previous batch (cells replace the ones with the same student and level). */
export interface DashboardBatch {
  readonly classId: string;
  readonly seq: number;
  readonly students: readonly DashboardStudent[];
  readonly removedStudentIds: readonly string[];
  readonly cells: readonly DashboardCell[];
  readonly totals: DashboardTotals;
  readonly at: string;
}

export interface HostState {
  readonly host: string;
  readonly ipAddr: string;
  readonly ipRoute: string;
  readonly iptablesSave: string;
}

/** One student, read-only: their current attempt at a level as it is now. */
export interface DrillView {
  readonly classId: string;
  readonly student: DashboardStudent;
  /** Absent while the student has not opened any level. */
  readonly levelId?: string;
  readonly attemptId?: string;
  readonly log: readonly LogEntry[];
  readonly verdict?: VerdictSummary;
  readonly firstFailing?: { readonly id: string; readonly text: string; readonly explanation?: string };
  readonly hosts: readonly HostState[];
  readonly at: string;
}

export type ClassReply =
  | { ok: true; type: "class.joined"; joined: StudentClassView }
  | { ok: true; type: "class.state"; state: ClassStateView }
  | { ok: true; type: "class.message"; message: ClassMessageView }
  | { ok: true; type: "class.removed"; studentId: string }
  | { ok: true; type: "dashboard"; dashboard: DashboardView }
  | { ok: true; type: "drill"; drill: DrillView }
  | { ok: true; type: "class.undrilled" };

/** Pushed by the server on PUSH_EVENT (no ack). */
export type ServerPush =
  | { v: 1; type: "class.state"; state: ClassStateView }
  /** The class was paused (true) or resumed (false): a paused class refuses every command. */
  | { v: 1; type: "paused"; classId: string; paused: boolean }
  | { v: 1; type: "class.message"; message: ClassMessageView }
  /** This student was removed from the class; the socket leaves it. */
  | { v: 1; type: "class.removed"; classId: string }
  | { v: 1; type: "dashboard.batch"; batch: DashboardBatch }
  | { v: 1; type: "drill.update"; drill: DrillView };

/** The classroom members of the protocol's request union. */
export type ClassRequest = Extract<import("./protocol").ClientMessage, { type: `class.${string}` }>;
