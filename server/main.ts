/**
 * PodPath's server: one HTTP server on PORT hosting the Next.js app and socket.io for play.
 * Run as one process (`node --import tsx server/main.ts`) so that a signal reaches it.
 */
import { createServer } from "node:http";
import next from "next";
import { closeSharedDatabase, sharedOrm } from "./db/shared";
import { createPlayService } from "./play/play-service";
import { createPlaySocketServer } from "./play/play-socket";
import { ensurePlayerCookie } from "./play/player-cookie";

const dev = process.env.NODE_ENV !== "production";
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "0.0.0.0";

async function main(): Promise<void> {
  const orm = sharedOrm(); // opens the database and applies migrations before anything is served
  const httpServer = createServer();
  const app = next({ dev, hostname: host === "0.0.0.0" ? "localhost" : host, port, httpServer });
  const handle = app.getRequestHandler();
  await app.prepare();

  // Added before socket.io attaches: engine.io wraps the existing request listeners and keeps /socket.io/ to itself.
  httpServer.on("request", (req, res) => {
    ensurePlayerCookie(req, res);
    handle(req, res).catch((error: unknown) => {
      console.error("podpath: request failed", req.url, error);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  const io = createPlaySocketServer(httpServer, createPlayService({ orm }));

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(port, host, resolve);
  });
  console.log(`podpath: http://localhost:${port} (${dev ? "development" : "production"})`);
  // In dev, Next attaches its HMR upgrade listener on the first request it serves; make that happen now.
  if (dev) fetch(`http://127.0.0.1:${port}/`).catch(() => {});

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1); // a second signal: stop waiting
    stopping = true;
    console.log(`podpath: ${signal}, shutting down`);
    const force = setTimeout(() => httpServer.closeAllConnections(), 5000).unref();
    io.close(() => {
      clearTimeout(force);
      void app.close().finally(() => {
        closeSharedDatabase();
        process.exit(0);
      });
    });
    httpServer.closeIdleConnections();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error("podpath: the server could not start", error);
  closeSharedDatabase();
  process.exit(1);
});
