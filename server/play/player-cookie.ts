/**
 * Who is playing: a random id in the `pp_player` cookie, given to every HTTP request that comes
 * without one. The socket connection reads the same cookie from its handshake.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { newId } from "./ids";

export const PLAYER_COOKIE = "pp_player";
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;
const PLAYER_ID = /^[A-Za-z0-9_-]{16,64}$/;

export function isPlayerId(value: string): boolean {
  return PLAYER_ID.test(value);
}

/** The first valid pp_player value in a Cookie header. */
export function readPlayerId(cookieHeader: string | undefined): string | undefined {
  for (const pair of (cookieHeader ?? "").split(";")) {
    const at = pair.indexOf("=");
    if (at < 0 || pair.slice(0, at).trim() !== PLAYER_COOKIE) continue;
    const value = pair.slice(at + 1).trim();
    if (isPlayerId(value)) return value;
  }
  return undefined;
}

export function playerCookie(id: string): string {
  return `${PLAYER_COOKIE}=${id}; HttpOnly; SameSite=Lax; Path=/; Max-Age=${ONE_YEAR_SECONDS}`;
}

/**
 * Gives a request without a valid player cookie a new id: Set-Cookie on the response, and the
 * id written into the request's Cookie header so this very request already renders as that player.
 */
export function ensurePlayerCookie(req: IncomingMessage, res: ServerResponse): string {
  const existing = readPlayerId(req.headers.cookie);
  if (existing) return existing;
  const id = newId();
  const others = (req.headers.cookie ?? "")
    .split(";")
    .map((pair) => pair.trim())
    .filter((pair) => pair !== "" && !pair.startsWith(`${PLAYER_COOKIE}=`));
  req.headers.cookie = [...others, `${PLAYER_COOKIE}=${id}`].join("; ");
  keepCookieOnResponse(res, playerCookie(id));
  return id;
}

/** Next may set its own cookies with setHeader, which would replace ours: merge them instead. */
function keepCookieOnResponse(res: ServerResponse, cookie: string): void {
  res.setHeader("Set-Cookie", cookie);
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name: string, value: number | string | readonly string[]) => {
    if (name.toLowerCase() !== "set-cookie") return setHeader(name, value);
    const theirs = (Array.isArray(value) ? value : [String(value)]) as string[];
    return setHeader(name, theirs.some((c) => c.startsWith(`${PLAYER_COOKIE}=`)) ? theirs : [cookie, ...theirs]);
  };
}
