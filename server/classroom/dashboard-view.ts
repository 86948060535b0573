/** The whole dashboard of a class, from the database: the first view and every class.watch reply. */
import type { DashboardCell, DashboardStudent, DashboardView } from "../../game/class-protocol";
import type { Orm } from "../db/open";
import type { ClassRow, ClassStore, StudentRow } from "./class-store";
import { classStateView } from "./class-views";
import { classCellRows } from "./dashboard-query";
import { totals, toCell, type CellClock } from "./dashboard-cells";
import { levelInfo } from "./level-info";
import type { Presence } from "./presence";

export interface DashboardDeps {
  readonly orm: Orm;
  readonly store: ClassStore;
  readonly presence: Presence;
}

export function dashboardStudent(row: StudentRow, presence: Presence): DashboardStudent {
  return { id: row.id, nickname: row.nickname, online: presence.online(row.id), joinedAt: row.joinedAt };
}

export function cellClock(row: ClassRow, status: CellClock["classStatus"], now: number = Date.now()): CellClock {
  return { now, stuckMs: row.stuckMinutes * 60_000, classStatus: status };
}

export function buildDashboard(deps: DashboardDeps, row: ClassRow, seq = 0, now: number = Date.now()): DashboardView {
  const state = classStateView(row);
  const clock = cellClock(row, state.status, now);
  const levelIds = new Set(row.levelIds);
  const students = deps.store.activeStudents(row.id).map((s) => dashboardStudent(s, deps.presence));
  const cells: DashboardCell[] = classCellRows(deps.orm, row.id)
    .filter((c) => levelIds.has(c.levelId))
    .map((c) => toCell(c, clock));
  return {
    class: state,
    levels: row.levelIds.map((id) => {
      const info = levelInfo(id);
      return { id, title: info?.title ?? id, track: info?.track ?? "" };
    }),
    students,
    cells,
    totals: totals(row.levelIds, students.map((s) => s.id), students.filter((s) => s.online).length, cells),
    seq,
    at: new Date(now).toISOString(),
  };
}
