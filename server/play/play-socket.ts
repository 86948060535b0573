/**
 * socket.io for play, on an existing HTTP server: connections must carry the player cookie;
 * each `pp` event is one request whose ack receives the reply.
 */
import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import { EVENT } from "../../game/protocol";
import type { PlayService } from "./play-service";
import { PLAYER_COOKIE, readPlayerId } from "./player-cookie";

export const NO_PLAYER_ERROR = `no player: the socket needs the ${PLAYER_COOKIE} cookie, which any page of the app sets`;

interface PlaySocketData {
  playerId: string;
}

export function createPlaySocketServer(httpServer: HttpServer, service: PlayService): Server {
  // destroyUpgrade false: upgrades for other paths (Next's HMR) must be left alone, not ended.
  const io = new Server(httpServer, { destroyUpgrade: false, serveClient: false });
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
      ack(service.handle(playerId, args.length > 1 ? args[0] : undefined));
    });
  });
  return io;
}
