/**
 * Class students' play, off the main thread: a few worker threads (play-worker.ts), each
 * running the play service on its own SQLite connection. A student always goes to the same
 * worker (by player id), so their messages keep their order and their attempt state stays
 * cached in one place; the main thread keeps socket.io, the gate and the dashboards.
 * A worker that dies is replaced; what it was doing is answered with an error (nothing was
 * acknowledged, so the client resends under the same seq). A worker that keeps dying at once
 * is given up, and its students are served by `fallback` (play on the main thread).
 */
import { Worker } from "node:worker_threads";
import type { ClientMessage, ServerReply } from "../../game/protocol";
import { EncodedReply, type AnyReply, type ReplyNote } from "../play/encoded-reply";
import type { PlayJob } from "./play-batch";

/** A worker's answer to one job: the reply as JSON, and what the main thread needs to know of it. */
export interface PlayEncoded {
  readonly id: number;
  readonly json: string;
  readonly note: ReplyNote;
}

export interface PlayPool {
  /** A worker's reply comes encoded (EncodedReply); the fallback's, as objects. */
  handle(playerId: string, message: ClientMessage): Promise<AnyReply>;
  /** Waits (up to `graceMs`) for work in progress, then stops the workers. */
  close(graceMs?: number): Promise<void>;
}

export interface PlayPoolOptions {
  readonly dbFile: string;
  readonly workers: number;
  /** Per worker: attempts whose current state is kept, and prepared level variants (about 50-90 KB each). */
  readonly attemptStates?: number;
  readonly preparedLevels?: number;
  readonly fallback: (playerId: string, message: ClientMessage) => ServerReply;
  /** The worker's entry (tests swap it for one that fails). */
  readonly workerUrl?: URL;
  /** How often the checkpointer thread copies the write-ahead log into the database (ms). */
  readonly checkpointMs?: number;
}

interface Slot {
  worker: Worker;
  readonly pending: Map<number, (reply: AnyReply) => void>;
  /** Jobs handed over in this turn of the event loop, posted together at its end (setImmediate). */
  outbox: PlayJob[];
  startedAt: number;
  quickDeaths: number;
  broken: boolean;
}

const QUICK_DEATH_MS = 5000;
const MAX_QUICK_DEATHS = 3;
/** A worker's own commits checkpoint past this many log pages (4 KB each): under a steady load, that is what restarts the log (README, Performance). */
const WORKER_AUTOCHECKPOINT_PAGES = 10_000;

const WORKER_FAILED: ServerReply = { ok: false, error: "the server could not handle this message (a worker stopped); send it again" };

/** FNV-1a: a stable shard for a player. */
function shard(playerId: string, n: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < playerId.length; i++) h = Math.imul(h ^ playerId.charCodeAt(i), 0x01000193) >>> 0;
  return h % n;
}

/**
 * One message a turn to each worker, however many jobs the turn handed over: at 2,000 students a
 * postMessage per job cost the main thread a structured clone and a wake-up of the worker each,
 * and the worker an event per job. A worker that exits first fails every job it was given,
 * posted or not, and drops its outbox.
 */
function post(slot: Slot): void {
  const jobs = slot.outbox;
  if (jobs.length === 0) return;
  slot.outbox = [];
  slot.worker.postMessage(jobs);
}

export function createPlayPool(options: PlayPoolOptions): PlayPool {
  let nextId = 0;
  let closing = false;
  const url = options.workerUrl ?? new URL("./play-worker.mjs", import.meta.url);

  const start = (slot: Slot | undefined): Slot => {
    const worker = new Worker(url, {
      workerData: { dbFile: options.dbFile, attemptStates: options.attemptStates ?? 5000, preparedLevels: options.preparedLevels ?? 1000, autocheckpointPages: WORKER_AUTOCHECKPOINT_PAGES },
    });
    const s: Slot = slot ?? { worker, pending: new Map(), outbox: [], startedAt: 0, quickDeaths: 0, broken: false };
    s.worker = worker;
    s.startedAt = Date.now();
    worker.on("message", (batch: PlayEncoded[]) => {
      for (const done of batch) {
        const resolve = s.pending.get(done.id);
        s.pending.delete(done.id);
        resolve?.(new EncodedReply(done.json, done.note));
      }
    });
    worker.on("error", (error) => console.error("podpath: a play worker failed", error));
    worker.on("exit", () => {
      // Failed, so never run: those not posted yet too (a reset run after its failure was told would surprise).
      for (const resolve of s.pending.values()) resolve(WORKER_FAILED);
      s.pending.clear();
      s.outbox = [];
      if (closing) return;
      s.quickDeaths = Date.now() - s.startedAt < QUICK_DEATH_MS ? s.quickDeaths + 1 : 0;
      if (s.quickDeaths >= MAX_QUICK_DEATHS) {
        s.broken = true;
        console.error("podpath: a play worker keeps failing; its students play on the main thread");
      } else start(s);
    });
    return s;
  };
  const slots = Array.from({ length: Math.max(1, options.workers) }, () => start(undefined));

  // Checkpoints off the workers' commits (wal-checkpointer.mjs); replaced if it stops.
  let checkpointer: Worker | undefined;
  const startCheckpointer = () => {
    checkpointer = new Worker(new URL("./wal-checkpointer.mjs", import.meta.url), { workerData: { dbFile: options.dbFile, everyMs: options.checkpointMs ?? 100 } });
    checkpointer.unref();
    checkpointer.on("error", (error) => console.error("podpath: the WAL checkpointer failed", error));
    checkpointer.on("exit", () => {
      if (!closing) setTimeout(startCheckpointer, 1000).unref();
    });
  };
  startCheckpointer();

  return {
    handle(playerId, message) {
      const slot = slots[shard(playerId, slots.length)]!;
      if (slot.broken) return Promise.resolve(options.fallback(playerId, message));
      const id = ++nextId;
      return new Promise<AnyReply>((resolve) => {
        slot.pending.set(id, resolve);
        if (slot.outbox.length === 0) setImmediate(post, slot);
        slot.outbox.push({ id, playerId, message });
      });
    },
    async close(graceMs = 5000) {
      closing = true;
      const until = Date.now() + graceMs;
      while (slots.some((s) => s.pending.size > 0) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      await Promise.all([...slots.map((s) => (s.broken ? undefined : s.worker.terminate())), checkpointer?.terminate()]);
    },
  };
}
