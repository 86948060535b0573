/**
 * The classroom on the play socket server: who a socket is (handshake), its rooms and presence
 * over its life, and the hooks the HTTP side uses to end sockets.
 *
 * At the handshake, a `pp_session` cookie of a live session makes the socket its instructor's;
 * `auth: { classCode }` with a `pp_student` cookie makes it that class student's, or the
 * connection is refused with the reason (connect_error). socket.io-client sends `auth` again on
 * every reconnection, so a student is back in their class without doing anything.
 */
import type { Server, Socket } from "socket.io";
import { joinCodeSchema } from "../../game/class-protocol";
import { readTokenCookie, SESSION_COOKIE } from "../auth/cookies";
import type { InstructorStore } from "../auth/instructor-store";
import { hashToken } from "../auth/tokens";
import type { ClassStore } from "./class-store";
import { sessionRoom, studentRoom } from "./rooms";
import type { ClassroomRuntime } from "./runtime";
import { socketData } from "./socket-data";
import { membershipFromCookie } from "./student-membership";
import type { StudentSockets } from "./student-sockets";

export interface ClassSocketDeps {
  readonly store: ClassStore;
  readonly instructors: InstructorStore;
  readonly students: StudentSockets;
  readonly runtime: ClassroomRuntime;
}

export function attachClassSockets(io: Server, deps: ClassSocketDeps): void {
  io.use((socket, next) => {
    try {
      const error = identify(socket, deps);
      next(error ? new Error(error) : undefined);
    } catch (error) {
      console.error("podpath: a classroom handshake failed", error);
      // socket.io-client takes a refusal as final; `data.retry` tells ours this one may pass (app/_lib/retry-refusal.ts).
      next(Object.assign(new Error("the server cannot check class memberships right now; trying again"), { data: { retry: true } }));
    }
  });
  io.on("connection", (socket) => {
    const data = socketData(socket);
    if (data.instructor) socket.join(sessionRoom(data.instructor.sessionHash));
    deps.students.connected(socket);
    socket.on("disconnect", () => deps.students.disconnected(socket));
  });
  deps.runtime.endSessionSockets = (sessionHash) => io.in(sessionRoom(sessionHash)).disconnectSockets(true);
  deps.runtime.endStudentSockets = (studentId) => io.in(studentRoom(studentId)).disconnectSockets(true);
}

/** Fills socket.data from the handshake; an error message when the socket asked for a class it cannot be in. */
function identify(socket: Socket, deps: ClassSocketDeps): string | undefined {
  const cookie = socket.handshake.headers.cookie;
  const data = socketData(socket);
  const session = readTokenCookie(cookie, SESSION_COOKIE);
  if (session) {
    const sessionHash = hashToken(session);
    const instructor = deps.instructors.bySession(sessionHash, new Date().toISOString());
    if (instructor) data.instructor = { id: instructor.id, sessionHash };
  }
  const auth = socket.handshake.auth as { classCode?: unknown } | undefined;
  if (auth?.classCode === undefined) return undefined;
  const code = joinCodeSchema.safeParse(auth.classCode);
  if (!code.success) return `auth.classCode: ${code.error.issues[0]?.message ?? "is not a join code"}`;
  const membership = membershipFromCookie(deps.store, cookie, code.data);
  if (!membership.ok) return membership.error;
  const { student, row } = membership;
  if (deps.students.removed.has(student.id)) return "the instructor removed you from this class";
  data.student = { id: student.id, classId: row.id, playerId: student.playerId, nickname: student.nickname };
  return undefined;
}
