/** Students: POST /api/join (code + nickname; sets pp_student) and GET /api/join/me (the class this browser is in). */
import { readTokenCookie, STUDENT_COOKIE, STUDENT_DAYS, tokenCookie } from "../../auth/cookies";
import { hashToken } from "../../auth/tokens";
import { joinClass, joinSchema } from "../student-join";
import { studentClassView } from "../student-view";
import type { HttpDeps } from "./http-deps";
import { clientIp, cookieHeader, crossSite, json, problem, readJson } from "./respond";

export async function postJoin(deps: HttpDeps, request: Request): Promise<Response> {
  const refused = crossSite(request);
  if (refused) return refused;
  const body = await readJson(request, joinSchema, deps.runtime.limits.maxBodyBytes);
  if (!body.ok) return body.response;
  const result = joinClass(deps, body.value, clientIp(request), readTokenCookie(cookieHeader(request), STUDENT_COOKIE));
  if (!result.ok) return problem(result.status, result.error);
  return json(200, result.joined, [tokenCookie(STUDENT_COOKIE, result.token, STUDENT_DAYS)]);
}

export async function getJoined(deps: HttpDeps, request: Request): Promise<Response> {
  const token = readTokenCookie(cookieHeader(request), STUDENT_COOKIE);
  const student = token ? deps.store.studentByToken(hashToken(token)) : undefined;
  const row = student && deps.store.classById(student.classId);
  if (!student || !row) return problem(401, "this browser has not joined a class");
  if (student.removedAt) return problem(403, "the instructor removed you from this class");
  return json(200, { joined: studentClassView(deps.orm, deps.store, row, student) });
}
