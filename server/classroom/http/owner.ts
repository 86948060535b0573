/** The signed-in instructor of a request, and a class only its owner may see. */
import { readTokenCookie, SESSION_COOKIE } from "../../auth/cookies";
import type { InstructorView } from "../../auth/instructor-store";
import type { ClassRow } from "../class-store";
import type { HttpDeps } from "./http-deps";
import { cookieHeader, problem } from "./respond";

export type Signed = { ok: true; instructor: InstructorView } | { ok: false; response: Response };
export type Owned = { ok: true; instructor: InstructorView; row: ClassRow } | { ok: false; response: Response };

export function signedInInstructor(deps: HttpDeps, request: Request): Signed {
  const instructor = deps.auth.instructorFor(readTokenCookie(cookieHeader(request), SESSION_COOKIE));
  return instructor ? { ok: true, instructor } : { ok: false, response: problem(401, "sign in as an instructor first") };
}

/** Another instructor's class answers 404, like a class that does not exist. */
export function ownedClass(deps: HttpDeps, request: Request, classId: string): Owned {
  const signed = signedInInstructor(deps, request);
  if (!signed.ok) return signed;
  const row = /^[A-Za-z0-9_-]{16,64}$/.test(classId) ? deps.store.classById(classId) : undefined;
  if (!row || row.instructorId !== signed.instructor.id) return { ok: false, response: problem(404, `there is no class ${classId} among yours`) };
  return { ok: true, instructor: signed.instructor, row };
}
