/**
 * A bare socket.io echo server, the baseline for `npm run bench:classroom`: the same transport
 * and message shapes as PodPath's server, but every request is answered at once with a canned
 * reply, and every command is pushed at once (no coalescing) to the sockets that watch.
 * Usage: node --import tsx bench/echo-server.ts PORT
 */
import { createServer } from "node:http";
import { Server } from "socket.io";

const port = Number(process.argv[2] ?? 0);
const httpServer = createServer((_req, res) => res.writeHead(404).end());
const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
const VERDICT = { solved: false, passed: 0, total: 1, goals: [{ id: "g", pass: false }] };

io.on("connection", (socket) => {
  const auth = socket.handshake.auth as { watch?: boolean; studentId?: string };
  if (auth.watch) socket.join("watchers");
  let commands = 0;
  let attempts = 0;
  socket.on("pp", (message: { type?: string; seq?: number; host?: string; line?: string }, ack: unknown) => {
    if (typeof ack !== "function") return;
    if (message?.type === "attempt.command") {
      commands++;
      ack({ ok: true, type: "command", entry: { seq: message.seq, host: message.host, line: message.line, accepted: true, changed: true, undone: false }, verdict: VERDICT, stars: 0 });
      io.to("watchers").emit("pp.push", { v: 1, type: "dashboard.batch", batch: { cells: [{ studentId: auth.studentId, commands }] } });
    } else {
      ack({ ok: true, type: "attempt", attempt: { id: `${socket.id}-${++attempts}`, log: [], verdict: VERDICT } });
    }
  });
});

httpServer.listen(port, "127.0.0.1", () => console.log(`echo: listening on ${(httpServer.address() as { port: number }).port}`));
process.on("SIGTERM", () => io.close(() => process.exit(0)));
