/**
 * One student, read-only, for their instructor: the command log of their current attempt at a
 * level, the verdict and the explanation of the first failing goal, and each host's state as
 * `ip addr`, `ip route` and `iptables-save` print it (the log replayed with the engine).
 */
import { desc, eq, and, sql } from "drizzle-orm";
import { apply, type NetState } from "../../engine/index";
import { replay } from "../../game/attempt";
import type { DrillView, HostState } from "../../game/class-protocol";
import type { Orm } from "../db/open";
import { latestVerdictSql } from "../db/verdict-sql";
import { attempts } from "../db/schema";
import type { AttemptRow, AttemptStore } from "../play/attempt-store";
import type { LevelLibrary } from "../play/level-library";
import type { StudentRow } from "./class-store";
import { dashboardStudent } from "./dashboard-view";
import type { Presence } from "./presence";

export interface DrillDeps {
  readonly orm: Orm;
  readonly attempts: AttemptStore;
  readonly levels: LevelLibrary;
  readonly presence: Presence;
}

/** The attempt the student touched last (its newest verdict), among their active ones. */
export function latestActiveAttempt(orm: Orm, playerId: string): AttemptRow | undefined {
  const newest = sql.raw(latestVerdictSql("created_at", "attempts.id"));
  return orm
    .select()
    .from(attempts)
    .where(and(eq(attempts.playerId, playerId), eq(attempts.active, true)))
    .orderBy(desc(newest), desc(attempts.startedAt))
    .limit(1)
    .get();
}

function shown(state: NetState, host: string, line: string): string {
  try {
    const r = apply(state, host, line);
    return r.ok ? r.output : r.error;
  } catch {
    return `(the simulator could not run ${line})`;
  }
}

export function hostStates(state: NetState): HostState[] {
  return Object.keys(state.hosts).map((host) => ({
    host,
    ipAddr: shown(state, host, "ip addr"),
    ipRoute: shown(state, host, "ip route"),
    iptablesSave: shown(state, host, "iptables-save"),
  }));
}

export function buildDrill(deps: DrillDeps, classId: string, student: StudentRow, levelId?: string): DrillView {
  const at = new Date().toISOString();
  const who = dashboardStudent(student, deps.presence);
  const row = levelId ? deps.attempts.activeAttempt(student.playerId, levelId) : latestActiveAttempt(deps.orm, student.playerId);
  if (!row) return { classId, student: who, ...(levelId ? { levelId } : {}), log: [], hosts: [], at };
  const log = deps.attempts.log(row.id);
  const prepared = deps.levels.get(row.levelId, row.seed);
  const verdict = deps.attempts.latestVerdict(row.id);
  const failing = verdict?.goals.find((g) => !g.pass);
  const goal = failing && prepared.level.goals.find((g) => g.id === failing.id);
  return {
    classId,
    student: who,
    levelId: row.levelId,
    attemptId: row.id,
    log,
    ...(verdict ? { verdict } : {}),
    ...(failing ? { firstFailing: { id: failing.id, text: goal?.text.en ?? failing.id, ...(failing.explanation !== undefined ? { explanation: failing.explanation } : {}) } } : {}),
    hosts: hostStates(replay(prepared, log)),
    at,
  };
}
