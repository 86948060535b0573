/**
 * What the classroom keeps in memory and both halves of the server share: the socket server
 * (server/main.ts's modules) and Next's route handlers (Next bundles its own copy of these
 * modules). It lives on globalThis, like the database handle (server/db/shared.ts).
 */
import { classroomLimits, type ClassroomLimits } from "./limits";
import { Presence } from "./presence";
import { RateLimiter } from "./rate-limit";

export interface ClassroomRuntime {
  readonly limits: ClassroomLimits;
  readonly presence: Presence;
  readonly joinLimiter: RateLimiter;
  readonly unknownCodeLimiter: RateLimiter;
  readonly signInLimiter: RateLimiter;
  readonly commandLimiter: RateLimiter;
  readonly classMessageLimiter: RateLimiter;
  /** Set by the socket server: end the sockets of a session that signed out. */
  endSessionSockets: (sessionHash: string) => void;
  /** Set by the socket server: a student's token changed (rejoined elsewhere); their old sockets leave the class. */
  endStudentSockets: (studentId: string) => void;
  /** Set by the socket server: a student joined (or rejoined) over HTTP; the class's dashboards show them before their socket connects. */
  studentJoined: (classId: string, studentId: string) => void;
}

const KEY = Symbol.for("podpath.classroom.runtime");
type Holder = { [KEY]?: ClassroomRuntime };

export function createRuntime(limits: ClassroomLimits = classroomLimits()): ClassroomRuntime {
  return {
    limits,
    presence: new Presence(limits.rejoinGraceMs),
    joinLimiter: new RateLimiter(limits.joinPerCode),
    unknownCodeLimiter: new RateLimiter(limits.unknownCodes),
    signInLimiter: new RateLimiter(limits.signIns),
    commandLimiter: new RateLimiter(limits.studentCommands),
    classMessageLimiter: new RateLimiter(limits.classMessages),
    endSessionSockets: () => {},
    endStudentSockets: () => {},
    studentJoined: () => {},
  };
}

/** The process's runtime, made on first use. */
export function sharedRuntime(): ClassroomRuntime {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= createRuntime());
}
