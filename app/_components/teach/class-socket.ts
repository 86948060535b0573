/**
 * The instructor's socket: the play socket (same origin, event `pp`, every request acked), which
 * the pp_session cookie makes an instructor's at the handshake (server/classroom/README.md,
 * "The socket"). Pushes arrive on `pp.push`.
 *
 * socket.io-client is imported on demand: the teach pages render first from the server and
 * can wait for it, and a static import made the bundler split it out of the play page's own
 * chunks into a shared one, which the play page then paid for as one more file.
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
  const { io } = await import("socket.io-client");
  return io({ reconnection: true, transports: ["websocket", "polling"], tryAllTransports: true });
}

export function sendOn(socket: Socket, message: ClassMessage): Promise<ServerReply> {
  return new Promise((resolve) => {
    socket.timeout(ACK_TIMEOUT_MS).emit(EVENT, message, (err: Error | null, reply: ServerReply) => {
      resolve(err ? { ok: false, error: `the server did not answer within ${ACK_TIMEOUT_MS / 1000} s` } : reply);
    });
  });
}
