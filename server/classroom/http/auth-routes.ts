/** POST /api/auth/signup, /api/auth/signin, /api/auth/signout and GET /api/auth/me. */
import { clearedCookie, readTokenCookie, SESSION_COOKIE, SESSION_DAYS, tokenCookie } from "../../auth/cookies";
import { signInSchema, signUpSchema, type AuthResult } from "../../auth/instructor-auth";
import { hashToken } from "../../auth/tokens";
import { waitText } from "../rate-limit";
import type { HttpDeps } from "./http-deps";
import { clientIp, cookieHeader, crossSite, json, problem, readJson } from "./respond";

function limited(deps: HttpDeps, request: Request): Response | undefined {
  const take = deps.runtime.signInLimiter.take(clientIp(request));
  return take.ok ? undefined : problem(429, `too many sign-in attempts from your network; wait ${waitText(take.retryAfterMs)}`, { "retry-after": String(Math.ceil(take.retryAfterMs / 1000)) });
}

function signedIn(result: AuthResult, status: number): Response {
  if (!result.ok) return problem(result.status, result.error);
  return json(status, { instructor: result.instructor }, [tokenCookie(SESSION_COOKIE, result.token, SESSION_DAYS)]);
}

export async function signUp(deps: HttpDeps, request: Request): Promise<Response> {
  const refused = crossSite(request) ?? limited(deps, request);
  if (refused) return refused;
  const body = await readJson(request, signUpSchema, deps.runtime.limits.maxBodyBytes);
  if (!body.ok) return body.response;
  return signedIn(await deps.auth.signUp(body.value), 201);
}

export async function signIn(deps: HttpDeps, request: Request): Promise<Response> {
  const refused = crossSite(request) ?? limited(deps, request);
  if (refused) return refused;
  const body = await readJson(request, signInSchema, deps.runtime.limits.maxBodyBytes);
  if (!body.ok) return body.response;
  return signedIn(await deps.auth.signIn(body.value), 200);
}

export async function signOut(deps: HttpDeps, request: Request): Promise<Response> {
  const refused = crossSite(request);
  if (refused) return refused;
  const token = readTokenCookie(cookieHeader(request), SESSION_COOKIE);
  if (token) {
    deps.auth.signOut(token);
    deps.runtime.endSessionSockets(hashToken(token));
  }
  return json(200, { ok: true }, [clearedCookie(SESSION_COOKIE)]);
}

export async function me(deps: HttpDeps, request: Request): Promise<Response> {
  const instructor = deps.auth.instructorFor(readTokenCookie(cookieHeader(request), SESSION_COOKIE));
  return instructor ? json(200, { instructor }) : problem(401, "not signed in");
}
