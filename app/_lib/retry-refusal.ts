/**
 * socket.io-client does not reconnect after the server's handshake middleware refused the
 * socket: a refusal is taken as final (a removed student, a cookie from another class). The
 * server marks a refusal that may pass with `data.retry` (it could not check the membership
 * right now, server/classroom/class-socket.ts); those are tried again here, each a little
 * later, until the socket connects or its owner stops the retries.
 */
import type { Socket } from "socket.io-client";

/** Milliseconds before each retry; the last one repeats. */
export const RETRY_DELAYS_MS: readonly number[] = [1000, 2000, 5000, 10_000, 30_000];

/** True for a refusal the server said may pass. */
export function mayPass(error: Error): boolean {
  const data = (error as Error & { data?: unknown }).data;
  return typeof data === "object" && data !== null && (data as { retry?: unknown }).retry === true;
}

/** Retries the socket's passing refusals; call the returned function before closing the socket. */
export function retryPassingRefusals(socket: Socket, delays: readonly number[] = RETRY_DELAYS_MS): () => void {
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refused = (error: Error) => {
    // `active` is still true when the manager is reconnecting by itself (a network error).
    if (socket.active || !mayPass(error) || timer !== undefined) return;
    const delay = delays[Math.min(attempt, delays.length - 1)]!;
    attempt += 1;
    timer = setTimeout(() => {
      timer = undefined;
      socket.connect();
    }, delay);
  };
  const connected = () => {
    attempt = 0;
  };
  socket.on("connect_error", refused);
  socket.on("connect", connected);
  return () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    socket.off("connect_error", refused);
    socket.off("connect", connected);
  };
}
