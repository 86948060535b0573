/**
 * Test rig: the real play service and socket.io server on a plain HTTP server (port 0), a real
 * SQLite file in a temp folder, and real socket.io-client connections with a player cookie.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io as connect, type Socket } from "socket.io-client";
import { EVENT, PROTOCOL_VERSION, type AttemptView, type ServerReply } from "../../game/protocol";
import { openDatabase, type PodpathDb } from "../../server/db/open";
import { createPlayService, type PlayService } from "../../server/play/play-service";
import { createPlaySocketServer } from "../../server/play/play-socket";
import { newId } from "../../server/play/ids";

export interface PlayServer {
  readonly url: string;
  readonly db: PodpathDb;
  readonly service: PlayService;
  close(): Promise<void>;
}

export function tempDbFile(): { file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "podpath-server-"));
  return { file: join(dir, "nested", "podpath.sqlite"), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startPlayServer(dbFile: string): Promise<PlayServer> {
  const db = openDatabase(dbFile);
  const service = createPlayService({ orm: db.orm });
  const httpServer = createServer((_req, res) => res.writeHead(404).end());
  const io = createPlaySocketServer(httpServer, service);
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    service,
    close: () =>
      new Promise<void>((resolve) => {
        io.close(() => {
          db.close();
          resolve();
        });
      }),
  };
}

export interface Player {
  readonly id: string;
  readonly socket: Socket;
  /** Sends one message and resolves with the server's reply. */
  send(message: unknown): Promise<ServerReply>;
  close(): void;
}

export async function connectPlayer(url: string, id: string = newId()): Promise<Player> {
  const socket = connect(url, { transports: ["websocket"], extraHeaders: { cookie: `theme=dark; pp_player=${id}` }, forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  return { id, socket, send: (message) => socket.timeout(15_000).emitWithAck(EVENT, message), close: () => socket.close() };
}

const v = PROTOCOL_VERSION;

/** Opens a level and returns the attempt, failing the test on an error reply. */
export async function openLevel(player: Player, levelId: string): Promise<AttemptView> {
  return expectOk(await player.send({ v, type: "attempt.open", levelId }), "attempt").attempt;
}

export function command(attemptId: string, seq: number, host: string, line: string) {
  return { v, type: "attempt.command", attemptId, seq, host, line };
}

export function action(type: "attempt.undo" | "attempt.reset" | "attempt.hint" | "attempt.solution", attemptId: string) {
  return { v, type, attemptId };
}

export function expectOk<T extends Extract<ServerReply, { ok: true }>["type"]>(reply: ServerReply, type: T): Extract<ServerReply, { ok: true; type: T }> {
  if (!reply.ok) throw new Error(`expected a ${type} reply, got the error: ${reply.error}`);
  if (reply.type !== type) throw new Error(`expected a ${type} reply, got ${reply.type}`);
  return reply as Extract<ServerReply, { ok: true; type: T }>;
}

export function expectError(reply: ServerReply): string {
  if (reply.ok) throw new Error(`expected an error, got a ${reply.type} reply`);
  return reply.error;
}
