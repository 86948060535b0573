/**
 * The classroom's cookies, all HttpOnly and SameSite=Lax: `pp_session` (a signed-in instructor)
 * and `pp_student` (a class membership). Each holds a random token (server/auth/tokens.ts).
 * Secure is added when PODPATH_SECURE_COOKIES=1 (serve over HTTPS in production).
 */
import { isToken } from "./tokens";

export const SESSION_COOKIE = "pp_session";
export const STUDENT_COOKIE = "pp_student";
export const SESSION_DAYS = 30;
export const STUDENT_DAYS = 30;

/** The first value of `name` in a Cookie header that is a well-formed token. */
export function readTokenCookie(cookieHeader: string | null | undefined, name: string): string | undefined {
  for (const pair of (cookieHeader ?? "").split(";")) {
    const at = pair.indexOf("=");
    if (at < 0 || pair.slice(0, at).trim() !== name) continue;
    const value = pair.slice(at + 1).trim();
    if (isToken(value)) return value;
  }
  return undefined;
}

function secure(): string {
  return process.env.PODPATH_SECURE_COOKIES === "1" ? "; Secure" : "";
}

export function tokenCookie(name: string, token: string, days: number): string {
  return `${name}=${token}; HttpOnly; SameSite=Lax; Path=/; Max-Age=${days * 24 * 60 * 60}${secure()}`;
}

export function clearedCookie(name: string): string {
  return `${name}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0${secure()}`;
}
