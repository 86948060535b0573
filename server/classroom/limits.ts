/**
 * The classroom's limits. Defaults suit a real class; each can be changed with an environment
 * variable (a load test from one machine joins thousands of students from one IP).
 */
import type { RateLimit } from "./rate-limit";

export interface ClassroomLimits {
  /** attempt.* messages per class student. */
  readonly studentCommands: RateLimit;
  /** POST /api/join per client IP and join code (a school behind one NAT address joins a class together). */
  readonly joinPerCode: RateLimit;
  /** Joins with a code that names no open class, per client IP: guessing codes is slow. */
  readonly unknownCodes: RateLimit;
  /** Sign-in and sign-up attempts per client IP. */
  readonly signIns: RateLimit;
  /** class.* messages per socket. */
  readonly classMessages: RateLimit;
  readonly maxStudentsPerClass: number;
  /** Largest socket.io message (bytes); larger ones close the connection (socket.io's maxHttpBufferSize). */
  readonly maxSocketMessageBytes: number;
  /** Largest JSON request body (bytes). */
  readonly maxBodyBytes: number;
  /** A student disconnected for less than this still counts as present: their nickname cannot be taken over. */
  readonly rejoinGraceMs: number;
}

function rate(env: Readonly<Record<string, string | undefined>>, name: string, fallback: RateLimit): RateLimit {
  const burst = Number(env[`${name}_BURST`]);
  const perSecond = Number(env[`${name}_PER_SECOND`]);
  return {
    burst: Number.isFinite(burst) && burst > 0 ? burst : fallback.burst,
    perSecond: Number.isFinite(perSecond) && perSecond > 0 ? perSecond : fallback.perSecond,
  };
}

function count(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number): number {
  const n = Number(env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function classroomLimits(env: Readonly<Record<string, string | undefined>> = process.env): ClassroomLimits {
  return {
    studentCommands: rate(env, "PODPATH_STUDENT_COMMANDS", { burst: 20, perSecond: 5 }),
    joinPerCode: rate(env, "PODPATH_JOINS", { burst: 60, perSecond: 1 }),
    unknownCodes: rate(env, "PODPATH_UNKNOWN_CODES", { burst: 10, perSecond: 0.2 }),
    signIns: rate(env, "PODPATH_SIGNINS", { burst: 10, perSecond: 0.2 }),
    classMessages: rate(env, "PODPATH_CLASS_MESSAGES", { burst: 40, perSecond: 10 }),
    maxStudentsPerClass: count(env, "PODPATH_MAX_STUDENTS", 5000),
    maxSocketMessageBytes: 64 * 1024,
    maxBodyBytes: 16 * 1024,
    rejoinGraceMs: count(env, "PODPATH_REJOIN_GRACE_MS", 30_000),
  };
}
