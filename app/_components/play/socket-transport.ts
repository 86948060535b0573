/** The play protocol over socket.io: one event, every request with an ack (game/protocol.ts). */
import { io } from "socket.io-client";
import type { EVENT as EventName, ServerReply } from "@/game/protocol";
import type { Transport } from "@/app/_lib/play-session";

// The protocol module holds the zod schemas; only its types come to the browser.
const EVENT: typeof EventName = "pp";
const ACK_TIMEOUT_MS = 20_000;

export function connectTransport(onConnected: (connected: boolean) => void): { transport: Transport; close: () => void } {
  const socket = io({ autoConnect: true, reconnection: true });
  socket.on("connect", () => onConnected(true));
  socket.on("disconnect", () => onConnected(false));
  socket.on("connect_error", () => onConnected(false));
  const transport: Transport = (message) =>
    new Promise<ServerReply>((resolve) => {
      socket.timeout(ACK_TIMEOUT_MS).emit(EVENT, message, (err: Error | null, reply: ServerReply) => {
        resolve(err ? { ok: false, error: `the server did not answer within ${ACK_TIMEOUT_MS / 1000} s` } : reply);
      });
    });
  return { transport, close: () => void socket.close() };
}
