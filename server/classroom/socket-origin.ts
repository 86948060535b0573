/**
 * socket.io's allowRequest: a browser opening the socket from another site is refused (its
 * Origin names another host). Clients that send no Origin (not browsers) pass; they carry no
 * one else's cookies.
 */
import type { IncomingMessage } from "node:http";

export function sameOriginSocket(req: IncomingMessage, callback: (error: string | null | undefined, success: boolean) => void): void {
  const origin = req.headers.origin;
  if (!origin) return callback(null, true);
  const forwarded = req.headers["x-forwarded-host"];
  const host = (Array.isArray(forwarded) ? forwarded[0] : forwarded) ?? req.headers.host;
  let same = false;
  try {
    same = host !== undefined && new URL(origin).host === host;
  } catch {
    same = false;
  }
  callback(same ? null : "a socket from another site", same);
}
