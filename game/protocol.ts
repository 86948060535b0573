/**
 * The socket protocol between the play screen and the server, version 1. One socket.io event,
 * `pp`, carries every request as a discriminated union on `type`, always with an ack. Every
 * payload is validated here, on the server, before anything happens; a bad one gets
 * `{ ok: false, error }` naming what was wrong and changes nothing.
 */
import { z } from "zod";
import type { LevelBase } from "../engine/judge/prepare-base";
import type { Level } from "../engine/judge/types";
import { classRequestSchemas, type ClassReply } from "./class-protocol";

export const PROTOCOL_VERSION = 1;
export const EVENT = "pp";
/** Largest command line (with iptables-restore input) a client may send. */
export const MAX_LINE_BYTES = 16_384;

const utf8 = new TextEncoder();

/**
 * Whether a string's UTF-8 form fits in `max` bytes. A UTF-16 code unit takes 1 to 3 bytes (a
 * surrogate pair 4 for its two), so a string of up to max/3 code units fits without being
 * encoded, and one of more than max cannot: most command lines are checked without a copy.
 */
function fitsUtf8(s: string, max: number): boolean {
  if (s.length * 3 <= max) return true;
  if (s.length > max) return false;
  return utf8.encode(s).length <= max;
}

const attemptId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "is not an attempt id");
const hostName = z.string().regex(/^[a-z][a-z0-9-]{0,14}$/, "is not a host name");
const v = z.literal(PROTOCOL_VERSION, { error: `must be ${PROTOCOL_VERSION} (this server speaks protocol version ${PROTOCOL_VERSION})` });

export const clientMessageSchema = z.discriminatedUnion("type", [
  /** Open (or resume) the player's current attempt at a level. */
  z.strictObject({ v, type: z.literal("attempt.open"), levelId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "is not a level id") }),
  /** Run one command line on a host. `seq` is this attempt's next command number (1, 2, ...): resending a stored seq is answered from the log. */
  z.strictObject({
    v,
    type: z.literal("attempt.command"),
    attemptId,
    seq: z.number().int().min(1).max(100_000),
    host: hostName,
    line: z.string().min(1, "is empty").refine((s) => fitsUtf8(s, MAX_LINE_BYTES), `is longer than ${MAX_LINE_BYTES} bytes`),
  }),
  /** Undo the latest command that changed something. */
  z.strictObject({ v, type: z.literal("attempt.undo"), attemptId }),
  /** Start the level over: a new attempt with the same seed. */
  z.strictObject({ v, type: z.literal("attempt.reset"), attemptId }),
  /** Show the next hint. */
  z.strictObject({ v, type: z.literal("attempt.hint"), attemptId }),
  /** Reveal the reference solution (allowed after SOLUTION_AFTER_COMMANDS commands, or once every hint is shown). */
  z.strictObject({ v, type: z.literal("attempt.solution"), attemptId }),
  z.strictObject({ v, type: z.literal("player.nickname"), nickname: z.string().trim().min(1, "is empty").max(32, "is longer than 32 characters") }),
  /** The classroom: class.join, class.start ... class.drill (game/class-protocol.ts). */
  ...classRequestSchemas(v),
]);

export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** One line of an attempt's command log. */
export interface LogEntry {
  readonly seq: number;
  readonly host: string;
  readonly line: string;
  /** false: the engine (or the level's rules) refused it, and it changed nothing. */
  readonly accepted: boolean;
  readonly error?: string;
  readonly output?: string;
  /** It changed the configuration (a show command does not); only these count and can be undone. */
  readonly changed: boolean;
  readonly undone: boolean;
}

/** The server's verdict, as the client shows it next to its own. */
export interface VerdictSummary {
  readonly solved: boolean;
  readonly passed: number;
  readonly total: number;
  readonly goals: readonly { readonly id: string; readonly pass: boolean; readonly explanation?: string }[];
}

export interface AttemptView {
  readonly id: string;
  readonly levelId: string;
  readonly seed: number;
  /**
   * The level with this seed's values filled in. Hints not yet shown and the solution, until
   * revealed, are left out (`hints` holds the shown ones, `solution` is empty): ask for them.
   */
  readonly level: Level;
  /** The level's start compiled by the server (hosts, setup lines, listeners before the break), so the browser needs no Kubernetes controllers. */
  readonly base: LevelBase;
  readonly log: readonly LogEntry[];
  readonly verdict: VerdictSummary;
  /** How many hints the level has. */
  readonly hintCount: number;
  readonly hintsShown: number;
  readonly solutionShown: boolean;
  readonly solvedAt?: string;
  readonly stars: number;
}

export type ServerReply =
  | { ok: true; type: "attempt"; attempt: AttemptView }
  | { ok: true; type: "command"; entry: LogEntry; verdict: VerdictSummary; stars: number }
  | { ok: true; type: "undo"; undoneSeq: number; verdict: VerdictSummary }
  /** `index` counts from 0: the first hint is 0, and hintsShown is now index + 1. */
  | { ok: true; type: "hint"; index: number; text: string }
  | { ok: true; type: "solution"; lines: readonly { host: string; line: string }[] }
  | { ok: true; type: "nickname"; nickname: string }
  | ClassReply
  | { ok: false; error: string };

/** Validates a raw payload; the error says which field was wrong. */
export function parseClientMessage(raw: unknown): { ok: true; message: ClientMessage } | { ok: false; error: string } {
  const parsed = clientMessageSchema.safeParse(raw);
  if (parsed.success) return { ok: true, message: parsed.data };
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length ? issue.path.join(".") : "message";
  return { ok: false, error: `bad message: ${where}: ${issue.message}` };
}
