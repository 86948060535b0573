/** The class membership a pp_student cookie stands for, checked against the class code the client names. */
import { readTokenCookie, STUDENT_COOKIE } from "../auth/cookies";
import { hashToken } from "../auth/tokens";
import type { ClassRow, ClassStore, StudentRow } from "./class-store";

export type Membership = { ok: true; student: StudentRow; row: ClassRow } | { ok: false; error: string };

export const NO_MEMBERSHIP = `this browser has not joined a class: join with the code and a nickname first (POST /api/join), then connect again`;

export function membershipFromCookie(store: ClassStore, cookieHeader: string | undefined, code: string): Membership {
  const token = readTokenCookie(cookieHeader, STUDENT_COOKIE);
  if (!token) return { ok: false, error: NO_MEMBERSHIP };
  const student = store.studentByToken(hashToken(token));
  if (!student) return { ok: false, error: "this browser's place in the class is no longer valid (the nickname was rejoined from another device?): join again" };
  const row = store.classById(student.classId);
  if (!row || row.code !== code) return { ok: false, error: `this browser joined another class, not ${code}: join ${code} first` };
  if (student.removedAt) return { ok: false, error: "the instructor removed you from this class" };
  return { ok: true, student, row };
}
