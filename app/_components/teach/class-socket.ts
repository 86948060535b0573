/**
 * The instructor's socket: the play socket (same origin, event `pp`, every request acked), which
 * the pp_session cookie makes an instructor's at the handshake (server/classroom/README.md,
 * "The socket"). Pushes arrive on `pp.push`.
 *
 * socket.io-client comes from the package's own browser build, on demand: the teach pages
 * render first from the server and can wait for it. Importing the package's main entry, as the
 * play page does, made the bundler move it out of the play page's chunks into a chunk shared
 * with these pages, which cost the play page one more file and about 0.5 KB gzipped; a module
 * of their own leaves the play page's JavaScript exactly as it was.
 */
import type { Socket } from "socket.io-client";
import type { PUSH_EVENT as PushEventName } from "@/game/class-protocol";
import type { EVENT as EventName, ClientMessage, PROTOCOL_VERSION, ServerReply } from "@/game/protocol";

// The protocol modules hold zod schemas: only their types come to the browser (the types pin the values).
const EVENT: typeof EventName = "pp";
export const PUSH_EVENT: typeof PushEventName = "pp.push";
export const V: typeof PROTOCOL_VERSION = 1;
const ACK_TIMEOUT_MS = 20_000;

export type ClassMessage = Extract<ClientMessage, { type: `class.${string}` }>;
export type Send = (message: ClassMessage) => Promise<ServerReply>;

export async function openClassSocket(): Promise<Socket> {
  const io = (await import("socket.io-client/dist/socket.io.js")).default;
  return io({ reconnection: true, transports: ["websocket", "polling"], tryAllTransports: true });
}

export function sendOn(socket: Socket, message: ClassMessage): Promise<ServerReply> {
  return new Promise((resolve) => {
    socket.timeout(ACK_TIMEOUT_MS).emit(EVENT, message, (err: Error | null, reply: ServerReply) => {
      resolve(err ? { ok: false, error: `the server did not answer within ${ACK_TIMEOUT_MS / 1000} s` } : reply);
    });
  });
}
