/**
 * The play protocol over socket.io: one event, every request with an ack (game/protocol.ts).
 *
 * WebSocket first, long-polling only if that fails: one round trip to connect instead of a
 * polling handshake and an upgrade. `startEarly` opens the socket and asks for the attempt as
 * soon as the play screen's code runs, before React has hydrated; the session's own
 * `attempt.open` for that level then takes the reply already on its way.
 */
import { io, type Socket } from "socket.io-client";
import type { EVENT as EventName, ClientMessage, ServerReply } from "@/game/protocol";
import type { PROTOCOL_VERSION } from "@/game/protocol";
import type { Transport } from "@/app/_lib/play-session";

// The protocol module holds the zod schemas; only its types come to the browser.
const EVENT: typeof EventName = "pp";
const V: typeof PROTOCOL_VERSION = 1;
const ACK_TIMEOUT_MS = 20_000;
/** Level ids as the protocol allows them (game/protocol.ts), in the play screen's path. */
const PLAY_PATH = /^\/play\/([a-z0-9][a-z0-9-]{0,63})\/?$/;

const openSocket = (): Socket => io({ autoConnect: true, reconnection: true, transports: ["websocket", "polling"], tryAllTransports: true });

function send(socket: Socket, message: ClientMessage): Promise<ServerReply> {
  return new Promise<ServerReply>((resolve) => {
    socket.timeout(ACK_TIMEOUT_MS).emit(EVENT, message, (err: Error | null, reply: ServerReply) => {
      resolve(err ? { ok: false, error: `the server did not answer within ${ACK_TIMEOUT_MS / 1000} s` } : reply);
    });
  });
}

/** A socket opened before the screen mounted, and the attempt it already asked for. */
let early: { socket: Socket; levelId: string; open: Promise<ServerReply> } | undefined;
let startedEarly = false;

/**
 * Connect and ask for the attempt of the level in the address bar, as early as the code runs:
 * once per page load (a screen reached later by navigation connects when it mounts).
 */
export function startEarly(): void {
  if (startedEarly || typeof window === "undefined") return;
  startedEarly = true;
  const m = PLAY_PATH.exec(window.location.pathname);
  if (!m) return;
  const socket = openSocket();
  early = { socket, levelId: m[1]!, open: send(socket, { v: V, type: "attempt.open", levelId: m[1]! }) };
}

export function connectTransport(onConnected: (connected: boolean) => void): { transport: Transport; close: () => void } {
  const claimed = early;
  early = undefined;
  const socket = claimed?.socket ?? openSocket();
  let pending = claimed ? { levelId: claimed.levelId, open: claimed.open } : undefined;
  socket.on("connect", () => onConnected(true));
  socket.on("disconnect", () => onConnected(false));
  socket.on("connect_error", () => onConnected(false));
  if (socket.connected) onConnected(true);
  const transport: Transport = (message) => {
    // The first open of the level asked for early is answered by the early request.
    if (pending && message.type === "attempt.open") {
      const { levelId, open } = pending;
      pending = undefined;
      if (message.levelId === levelId) return open;
    }
    return send(socket, message);
  };
  return { transport, close: () => void socket.close() };
}
