/**
 * socket.io for play, on an existing HTTP server: connections must carry the player cookie;
 * each `pp` event is one request whose ack receives the reply.
 */
import type { Server as HttpServer } from "node:http";
import { Server, type ServerOptions, type Socket } from "socket.io";
import { EVENT } from "../../game/protocol";
import type { AnyReply } from "./encoded-reply";
import type { PlayService } from "./play-service";
import { PLAYER_COOKIE, readPlayerId } from "./player-cookie";
import { replyParser } from "./reply-parser";

export const NO_PLAYER_ERROR = `no player: the socket needs the ${PLAYER_COOKIE} cookie, which any page of the app sets`;

interface PlaySocketData {
  playerId: string;
}

export interface PlaySocketOptions {
  /** More socket.io options (connection state recovery, size limits, allowRequest). */
  readonly server?: Partial<ServerOptions>;
  /** Answers each message instead of the play service: the classroom routes class.* and its students' play. */
  readonly handle?: (socket: Socket, playerId: string, raw: unknown) => AnyReply | Promise<AnyReply>;
}

export function createPlaySocketServer(httpServer: HttpServer, service: PlayService, options: PlaySocketOptions = {}): Server {
  // destroyUpgrade false: upgrades for other paths (Next's HMR) must be left alone, not ended.
  // replyParser: replies a play worker already encoded are sent as they are.
  const io = new Server(httpServer, { ...options.server, parser: replyParser, destroyUpgrade: false, serveClient: false });
  io.use((socket, next) => {
    const playerId = readPlayerId(socket.handshake.headers.cookie);
    if (!playerId) return next(new Error(NO_PLAYER_ERROR));
    try {
      service.welcome(playerId);
    } catch (error) {
      console.error("podpath: cannot record a player", error);
      return next(new Error("the server cannot record players right now"));
    }
    (socket.data as PlaySocketData).playerId = playerId;
    next();
  });
  io.on("connection", (socket: Socket) => {
    const { playerId } = socket.data as PlaySocketData;
    socket.on(EVENT, (...args: unknown[]) => {
      const ack = args.at(-1);
      // Every request expects its reply in an ack; without one there is nobody to answer, so it is dropped.
      if (typeof ack !== "function") return;
      const payload = args.length > 1 ? args[0] : undefined;
      const reply = options.handle ? options.handle(socket, playerId, payload) : service.handle(playerId, payload);
      if (!(reply instanceof Promise)) return void ack(reply);
      reply.then(
        (answer) => ack(answer),
        (error: unknown) => {
          console.error("podpath: a message handler failed", error);
          ack({ ok: false, error: "the server could not handle this message (an internal error)" });
        },
      );
    });
  });
  return io;
}
