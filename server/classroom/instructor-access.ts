/**
 * Who may act on a class over a socket: the instructor who owns it, with a session that is
 * still live (checked on every message, so signing out ends control at once). Another
 * instructor's class reads as missing, so ids leak nothing.
 */
import type { Socket } from "socket.io";
import type { InstructorStore } from "../auth/instructor-store";
import type { ClassRow, ClassStore } from "./class-store";
import { socketData } from "./socket-data";

export type Access = { ok: true; row: ClassRow; instructorId: string } | { ok: false; error: string };

export function ownedClass(instructors: InstructorStore, store: ClassStore, socket: Socket, classId: string, action: string): Access {
  const data = socketData(socket);
  const who = data.instructor;
  if (!who) return { ok: false, error: `${action} is for the class's instructor: sign in first` };
  if (!instructors.bySession(who.sessionHash, new Date().toISOString())) {
    delete data.instructor;
    return { ok: false, error: "your session has ended: sign in again" };
  }
  const row = store.classById(classId);
  if (!row || row.instructorId !== who.id) return { ok: false, error: `there is no class ${classId} among yours` };
  return { ok: true, row, instructorId: who.id };
}
