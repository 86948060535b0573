/** The play worker pool: the same answers as play on the main thread, in order per student; dying workers. */
import { statSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ClientMessage, ServerReply } from "../../game/protocol";
import { openDatabase } from "../../server/db/open";
import { createPlayPool, type PlayPool } from "../../server/classroom/play-pool";
import { EncodedReply, type AnyReply } from "../../server/play/encoded-reply";
import { createPlayService } from "../../server/play/play-service";
import { tempDbFile } from "./harness";

const LEVEL = "svc-reach-service-b";
const SOLUTION = "iptables -t nat -A PREROUTING -d 10.96.0.20/32 -p tcp --dport 80 -j DNAT --to-destination 10.244.0.3:8080";
const open: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of open.splice(0).reverse()) await close();
});

/** A worker's reply arrives as JSON, to be sent on as it is; a fallback's, as objects. */
async function answer(reply: Promise<AnyReply>): Promise<ServerReply> {
  const r = await reply;
  return r instanceof EncodedReply ? r.decode() : r;
}

function setUp(workers: number, workerUrl?: URL) {
  const temp = tempDbFile();
  const db = openDatabase(temp.file);
  const play = createPlayService({ orm: db.orm });
  const fallback = vi.fn((playerId: string, message: ClientMessage) => play.handleMessage(playerId, message));
  const pool: PlayPool = createPlayPool({ dbFile: temp.file, workers, fallback, ...(workerUrl ? { workerUrl } : {}) });
  open.push(temp.cleanup, () => db.close(), () => pool.close(1000));
  return { db, play, pool, fallback };
}

describe("the play pool", () => {
  // Two workers each play every level before their first job (server/play/warm-up.ts): on a busy machine that alone can take most of the default 20 s.
  it("answers as play does, each player's messages in order, stored in the same file", { timeout: 60_000 }, async () => {
    const { play, pool } = setUp(2);
    const players = ["pool-player-aaaaaaaaaaaa", "pool-player-bbbbbbbbbbbb", "pool-player-cccccccccccc"];
    for (const id of players) play.welcome(id);
    const opened = await Promise.all(players.map((id) => answer(pool.handle(id, { v: 1, type: "attempt.open", levelId: LEVEL }))));
    const replies = await Promise.all(
      players.map(async (id, i) => {
        const attempt = opened[i]!;
        if (!attempt.ok || attempt.type !== "attempt") throw new Error("no attempt");
        // Sent without waiting: the worker keeps their order.
        const sent = [1, 2, 3].map((seq) => answer(pool.handle(id, { v: 1, type: "attempt.command", attemptId: attempt.attempt.id, seq, host: "node1", line: seq === 3 ? SOLUTION : "ip route" })));
        return Promise.all(sent);
      }),
    );
    for (const [i, id] of players.entries()) {
      expect(replies[i]!.map((r) => r.ok && r.type === "command" && r.entry.seq)).toEqual([1, 2, 3]);
      const view = play.handleMessage(id, { v: 1, type: "attempt.open", levelId: LEVEL });
      expect(view.ok && view.type === "attempt" && view.attempt.log.map((e) => e.line)).toEqual(["ip route", "ip route", SOLUTION]);
      expect(view.ok && view.type === "attempt" && view.attempt.verdict.solved).toBe(true);
    }
  });

  it("posts the jobs of one turn of the event loop to a worker as one message, in order", async () => {
    const { pool } = setUp(1, new URL("./fixtures/tells-batch-size.mjs", import.meta.url));
    const message: ClientMessage = { v: 1, type: "player.nickname", nickname: "x" };
    const together = await Promise.all(["a", "b", "c"].map((id) => answer(pool.handle(id, message))));
    expect(together.map((r) => r.ok && r.type === "nickname" && r.nickname)).toEqual(["a in 3", "b in 3", "c in 3"]);
    const alone = await answer(pool.handle("d", message));
    expect(alone).toEqual({ ok: true, type: "nickname", nickname: "d in 1" });
  });

  it("a worker that dies fails every job it was given, the rest of its message too, and is replaced", async () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const { pool } = setUp(1, new URL("./fixtures/dies-on-second-job.mjs", import.meta.url));
    const message: ClientMessage = { v: 1, type: "player.nickname", nickname: "x" };
    expect(await answer(pool.handle("p1", message))).toEqual({ ok: true, type: "nickname", nickname: "answer 1" });
    const failed = { ok: false, error: "the server could not handle this message (a worker stopped); send it again" };
    // One message of two jobs: the worker dies on the first of them.
    expect(await Promise.all([answer(pool.handle("p1", message)), answer(pool.handle("p2", message))])).toEqual([failed, failed]);
    expect(await answer(pool.handle("p1", message))).toEqual({ ok: true, type: "nickname", nickname: "answer 1" });
    quiet.mockRestore();
  });

  it("a worker that dies answers its work in progress with an error and is replaced", async () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const { pool } = setUp(1, new URL("./fixtures/dies-on-second-job.mjs", import.meta.url));
    const message: ClientMessage = { v: 1, type: "player.nickname", nickname: "x" };
    expect(await answer(pool.handle("p1", message))).toEqual({ ok: true, type: "nickname", nickname: "answer 1" });
    expect(await answer(pool.handle("p1", message))).toEqual({ ok: false, error: "the server could not handle this message (a worker stopped); send it again" });
    expect(await answer(pool.handle("p1", message))).toEqual({ ok: true, type: "nickname", nickname: "answer 1" });
    quiet.mockRestore();
  });

  it("a worker that cannot start is given up after a few tries; its players play on the main thread", async () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const { pool, fallback, play } = setUp(1, new URL("./fixtures/dies-at-start.mjs", import.meta.url));
    play.welcome("pool-player-dddddddddddd");
    let reply = await answer(pool.handle("pool-player-dddddddddddd", { v: 1, type: "attempt.open", levelId: LEVEL }));
    for (let i = 0; i < 50 && !reply.ok; i++) {
      await new Promise((r) => setTimeout(r, 50));
      reply = await answer(pool.handle("pool-player-dddddddddddd", { v: 1, type: "attempt.open", levelId: LEVEL }));
    }
    expect(reply).toMatchObject({ ok: true, type: "attempt" });
    expect(fallback).toHaveBeenCalled();
    expect(quiet).toHaveBeenCalledWith("podpath: a play worker keeps failing; its students play on the main thread");
    quiet.mockRestore();
  });

  it("copies the write-ahead log into the database file on its own thread; the workers' commits leave it to it", { timeout: 60_000 }, async () => {
    const { play, pool, db } = setUp(1);
    const file = db.sqlite.name;
    const id = "pool-player-eeeeeeeeeeee";
    play.welcome(id);
    const opened = await answer(pool.handle(id, { v: 1, type: "attempt.open", levelId: LEVEL }));
    if (!opened.ok || opened.type !== "attempt") throw new Error("no attempt");
    // This connection writes nothing more; from here on only the worker writes, with its automatic checkpoints far off.
    const before = statSync(file).size;
    for (let seq = 1; seq <= 40; seq++) {
      const reply = await answer(pool.handle(id, { v: 1, type: "attempt.command", attemptId: opened.attempt.id, seq, host: "node1", line: "ip route" }));
      expect(reply.ok).toBe(true);
    }
    let after = statSync(file).size;
    for (let i = 0; i < 100 && after <= before; i++) {
      await new Promise((r) => setTimeout(r, 50));
      after = statSync(file).size;
    }
    expect(after).toBeGreaterThan(before);
    expect(play.store.log(opened.attempt.id)).toHaveLength(40);
  });
});
