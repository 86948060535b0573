/**
 * The classroom, put together on top of play: class machines, the student gate, instructor
 * control, live dashboards and drill-ins. server/main.ts creates it with the play service and
 * hands its socket options to the play socket server, then attaches it to that server.
 */
import type Database from "better-sqlite3";
import type { Server } from "socket.io";
import type { Orm } from "../db/open";
import { InstructorStore } from "../auth/instructor-store";
import { LevelLibrary } from "../play/level-library";
import type { PlayService } from "../play/play-service";
import type { PlaySocketOptions } from "../play/play-socket";
import { ClassActors } from "./class-actors";
import { ClassControl } from "./class-control";
import { ClassRouter } from "./class-router";
import { attachClassSockets } from "./class-socket";
import { ClassStore } from "./class-store";
import { DashboardLive } from "./dashboard-live";
import { DrillLive } from "./drill-live";
import { createPlayPool, type PlayPool } from "./play-pool";
import { sharedRuntime, type ClassroomRuntime } from "./runtime";
import { sameOriginSocket } from "./socket-origin";
import { StudentSockets } from "./student-sockets";

export interface ClassroomOptions {
  readonly orm: Orm;
  readonly play: PlayService;
  readonly runtime?: ClassroomRuntime;
  /** Coalescing window of dashboard and drill-in pushes (ms); PODPATH_DASHBOARD_FLUSH_MS. */
  readonly flushMs?: number;
  /** How often the dashboard looks for students who became stuck (ms). */
  readonly sweepMs?: number;
  /** Worker threads for class students' play (0: on the main thread); PODPATH_PLAY_WORKERS, default 1. */
  readonly playWorkers?: number;
}

export interface Classroom {
  /** For createPlaySocketServer: connection state recovery, message size limit, the router. */
  readonly socketOptions: PlaySocketOptions;
  /** After the socket server exists: handshake identity, rooms, presence, pushes. */
  attach(io: Server): void;
  /** Stops the timers, and the play workers once their work in progress is done. */
  close(): Promise<void>;
}

const RECOVERY_MS = 2 * 60 * 1000;

/** The worker pool, when asked for and the database is a file the workers can open too. */
function playPool(options: ClassroomOptions): PlayPool | undefined {
  const env = Number(process.env.PODPATH_PLAY_WORKERS);
  const workers = options.playWorkers ?? (Number.isInteger(env) && env >= 0 ? env : 1);
  const dbFile = (options.orm as Orm & { $client: Database.Database }).$client.name;
  if (workers === 0 || !dbFile || dbFile === ":memory:") return undefined;
  return createPlayPool({ dbFile, workers, fallback: (playerId, message) => options.play.handleMessage(playerId, message) });
}

export function createClassroom(options: ClassroomOptions): Classroom {
  const runtime = options.runtime ?? sharedRuntime();
  const flushMs = options.flushMs ?? (Number(process.env.PODPATH_DASHBOARD_FLUSH_MS) || 25);
  let router: ClassRouter | undefined;
  let closers: (() => void | Promise<void>)[] = [];
  return {
    socketOptions: {
      server: {
        connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_MS, skipMiddlewares: true },
        maxHttpBufferSize: runtime.limits.maxSocketMessageBytes,
        allowRequest: sameOriginSocket,
      },
      handle: (socket, playerId, raw) => (router ? router.handle(socket, playerId, raw) : { ok: false, error: "the classroom is starting; try again" }),
    },
    attach(io) {
      const store = new ClassStore(options.orm);
      const instructors = new InstructorStore(options.orm);
      const actors = new ClassActors(store);
      const dashboards = new DashboardLive({ orm: options.orm, store, presence: runtime.presence, actors, io, flushMs, sweepMs: options.sweepMs ?? 10_000 });
      const drillDeps = { orm: options.orm, attempts: options.play.store, levels: new LevelLibrary({ capacity: 50 }), presence: runtime.presence };
      const drills = new DrillLive({ ...drillDeps, store, io, flushMs });
      const students = new StudentSockets(io, runtime.presence, dashboards);
      runtime.studentJoined = (classId, studentId) => dashboards.studentChanged(classId, studentId);
      const control = new ClassControl({ store, actors, io, dashboards, students, now: () => new Date().toISOString() });
      attachClassSockets(io, { store, instructors, students, runtime });
      const pool = playPool(options);
      router = new ClassRouter({ play: options.play, store, instructors, actors, control, dashboards, drills, drillDeps, students, runtime, ...(pool ? { pool } : {}) });
      closers = [() => dashboards.close(), () => drills.close(), ...(pool ? [() => pool.close()] : [])];
    },
    async close() {
      await Promise.all(closers.map((close) => close()));
    },
  };
}
