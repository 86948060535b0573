/**
 * Students join with a class code and a nickname; no account. The answer carries a token for
 * the pp_student cookie, which lets the same browser rejoin after a reload or a lost connection.
 *
 * Rejoining from another device by code + nickname, and how a nickname is kept from being taken:
 * - a browser whose pp_student token belongs to that student in that class rejoins at once;
 * - anyone else entering the same nickname (case-insensitive) gets that student back only while
 *   the student is absent: no socket connected and none for `rejoinGraceMs` (30 s; also for
 *   the first 30 s after a server start). The token is then replaced, so the old browser's
 *   cookie stops working; the dashboard shows the student online again;
 * - while the student is present the join is refused (409): pick another nickname, or close
 *   the class on the other device first;
 * - a removed student's nickname stays taken (403), and their token no longer works.
 */
import { z } from "zod";
import { joinCodeSchema, nicknameKey, nicknameSchema, type ClassStateView } from "../../game/class-protocol";
import { hashToken, isToken, newToken } from "../auth/tokens";
import { newId, newSeed } from "../play/ids";
import type { ClassStore, StudentRow } from "./class-store";
import { classStateView } from "./class-views";
import { waitText } from "./rate-limit";
import type { ClassroomRuntime } from "./runtime";
import { studentPlayerId } from "./student-player";

export const joinSchema = z.strictObject({ code: joinCodeSchema, nickname: nicknameSchema });
export type JoinInput = z.infer<typeof joinSchema>;

export interface Joined {
  readonly student: { readonly id: string; readonly nickname: string };
  readonly class: ClassStateView;
}

export type JoinResult = { ok: true; joined: Joined; token: string } | { ok: false; status: 403 | 404 | 409 | 429; error: string };

export interface JoinDeps {
  readonly store: ClassStore;
  readonly runtime: ClassroomRuntime;
  readonly now: () => string;
}

export function joinClass(deps: JoinDeps, input: JoinInput, ip: string, cookieToken: string | undefined): JoinResult {
  const { store, runtime } = deps;
  const guessing = runtime.unknownCodeLimiter.blocked(ip);
  if (!guessing.ok) return { ok: false, status: 429, error: `too many join attempts with wrong codes from your network; wait ${waitText(guessing.retryAfterMs)}` };
  const limited = runtime.joinLimiter.take(`${ip}|${input.code}`);
  if (!limited.ok) return { ok: false, status: 429, error: `too many join attempts for class ${input.code} from your network; wait ${waitText(limited.retryAfterMs)}` };

  const row = store.openClassByCode(input.code);
  if (!row) {
    runtime.unknownCodeLimiter.take(ip);
    return { ok: false, status: 404, error: `no open class has the code ${input.code}; check it with your instructor` };
  }
  const view = classStateView(row);
  const key = nicknameKey(input.nickname);
  const done = (student: StudentRow, token: string): JoinResult => ({ ok: true, token, joined: { student: { id: student.id, nickname: student.nickname }, class: view } });

  const own = isToken(cookieToken) ? store.studentByToken(hashToken(cookieToken)) : undefined;
  if (own && own.classId === row.id && own.removedAt === null && own.nicknameKey === key) return done(own, cookieToken!);

  const existing = store.studentByNickname(row.id, key);
  if (existing?.removedAt) return { ok: false, status: 403, error: `the instructor removed "${existing.nickname}" from this class` };
  if (existing && runtime.presence.present(existing.id)) {
    return {
      ok: false,
      status: 409,
      error: `"${existing.nickname}" is in this class and connected right now. If that is you on another device, close the class there and try again in ${Math.round(runtime.limits.rejoinGraceMs / 1000)} s; otherwise pick another nickname`,
    };
  }
  const token = newToken();
  if (existing) {
    store.rotateToken(existing.id, hashToken(token));
    runtime.endStudentSockets(existing.id);
    runtime.studentJoined(row.id, existing.id);
    return done(existing, token);
  }
  if (store.studentCount(row.id) >= runtime.limits.maxStudentsPerClass) return { ok: false, status: 403, error: `this class is full (${runtime.limits.maxStudentsPerClass} students)` };
  const id = newId();
  const student: StudentRow = { id, classId: row.id, playerId: studentPlayerId(id), nickname: input.nickname, nicknameKey: key, tokenHash: hashToken(token), seed: newSeed(), joinedAt: deps.now(), removedAt: null };
  try {
    store.insertStudent(student, student.joinedAt);
  } catch (error) {
    // Two browsers joining with one new nickname at once: the unique index lets one in.
    if (String((error as { code?: string }).code).startsWith("SQLITE_CONSTRAINT")) return { ok: false, status: 409, error: `"${input.nickname}" was just taken in this class; pick another nickname` };
    throw error;
  }
  runtime.studentJoined(row.id, student.id);
  return done(student, token);
}
