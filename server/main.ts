/**
 * PodPath's server: one HTTP server on PORT hosting the Next.js app and socket.io for play and
 * the classroom. Run as one process (`node --import tsx server/main.ts`) so that a signal reaches it.
 * PODPATH_NO_NEXT=1 serves socket.io and the classroom API without the Next app (for tests).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { join } from "node:path";
import next from "next";
import { createClassroom } from "./classroom/classroom";
import { classSeedFor } from "./classroom/class-seeds";
import { ClassStore } from "./classroom/class-store";
import { httpDeps } from "./classroom/http/http-deps";
import { serveApi, stampClientIp } from "./classroom/http/node-adapter";
import { closeSharedDatabase, sharedOrm } from "./db/shared";
import { createPlayService } from "./play/play-service";
import { sharePlayService } from "./play/page-attempt";
import { createPlaySocketServer } from "./play/play-socket";
import { ensurePlayerCookie } from "./play/player-cookie";
import { staticAssets } from "./static-assets";

const dev = process.env.NODE_ENV !== "production";
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "0.0.0.0";
const withNext = process.env.PODPATH_NO_NEXT !== "1";

async function main(): Promise<void> {
  const orm = sharedOrm(); // opens the database and applies migrations before anything is served
  const httpServer = createServer();
  const app = withNext ? next({ dev, hostname: host === "0.0.0.0" ? "localhost" : host, port, httpServer }) : undefined;
  const handle = app ? app.getRequestHandler() : apiOnly(httpDeps(orm));
  await app?.prepare();
  // The build's hashed files, from memory and compressed once (server/static-assets.ts).
  const statics = app && !dev ? staticAssets(join(process.cwd(), ".next", "static")) : undefined;

  // Added before socket.io attaches: engine.io wraps the existing request listeners and keeps /socket.io/ to itself.
  httpServer.on("request", (req, res) => {
    const answer = async () => {
      if (statics && (await statics.serve(req, res))) return;
      ensurePlayerCookie(req, res);
      stampClientIp(req); // the classroom's rate limits read the client's address from here
      await handle(req, res);
    };
    answer().catch((error: unknown) => {
      console.error("podpath: request failed", req.url, error);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  const play = createPlayService({ orm, seedFor: classSeedFor(new ClassStore(orm)) });
  sharePlayService(play); // the play page's server render opens attempts with it
  const classroom = createClassroom({ orm, play });
  const io = createPlaySocketServer(httpServer, play, classroom.socketOptions);
  classroom.attach(io);
  await statics?.warm();

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(port, host, resolve);
  });
  console.log(`podpath: http://localhost:${port} (${dev ? "development" : "production"}${withNext ? "" : ", API and socket.io only"})`);
  // In dev, Next attaches its HMR upgrade listener on the first request it serves; make that happen now.
  if (dev && withNext) fetch(`http://127.0.0.1:${port}/`).catch(() => {});

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1); // a second signal: stop waiting
    stopping = true;
    console.log(`podpath: ${signal}, shutting down`);
    const force = setTimeout(() => httpServer.closeAllConnections(), 5000).unref();
    io.close(() => {
      clearTimeout(force);
      void Promise.all([classroom.close(), app?.close()]).finally(() => {
        closeSharedDatabase();
        process.exit(0);
      });
    });
    httpServer.closeIdleConnections();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

/** Without Next: the classroom API, and 404 for everything else. */
function apiOnly(deps: ReturnType<typeof httpDeps>) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (await serveApi(deps, req, res)) return;
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("PODPATH_NO_NEXT=1: only the API and socket.io are served\n");
  };
}

main().catch((error: unknown) => {
  console.error("podpath: the server could not start", error);
  closeSharedDatabase();
  process.exit(1);
});
