/** Pure: a cell's status from its numbers and the clock, and the class totals from the cells. */
import type { ClassStatus } from "../../game/class-machine";
import type { CellStatus, DashboardCell, DashboardTotals, LevelTotals } from "../../game/class-protocol";
import type { CellRow } from "./dashboard-query";

export interface CellClock {
  readonly now: number;
  readonly stuckMs: number;
  /** Only a running class has stuck students: in the lobby, paused or ended, nobody can progress. */
  readonly classStatus: ClassStatus;
}

export function cellStatus(row: { readonly solvedAt?: string | null; readonly lastProgressAt: string }, clock: CellClock): CellStatus {
  if (row.solvedAt) return "solved";
  if (clock.classStatus === "running" && clock.now - Date.parse(row.lastProgressAt) >= clock.stuckMs) return "stuck";
  return "working";
}

export function toCell(row: CellRow, clock: CellClock): DashboardCell {
  return {
    studentId: row.studentId,
    levelId: row.levelId,
    status: cellStatus(row, clock),
    passed: row.passed,
    total: row.total,
    stars: row.stars,
    commands: row.commands,
    hintsUsed: row.hintsUsed,
    startedAt: row.startedAt,
    lastProgressAt: row.lastProgressAt,
    ...(row.solvedAt ? { solvedAt: row.solvedAt } : {}),
  };
}

export function totals(levelIds: readonly string[], studentIds: readonly string[], online: number, cells: Iterable<DashboardCell>): DashboardTotals {
  const students = new Set(studentIds);
  const per = new Map<string, { solved: number; working: number; stuck: number }>(levelIds.map((id) => [id, { solved: 0, working: 0, stuck: 0 }]));
  for (const cell of cells) {
    const level = per.get(cell.levelId);
    if (!level || !students.has(cell.studentId) || cell.status === "not-started") continue;
    level[cell.status]++;
  }
  const levels: LevelTotals[] = levelIds.map((levelId) => {
    const t = per.get(levelId)!;
    return { levelId, ...t, notStarted: students.size - t.solved - t.working - t.stuck };
  });
  const sum = (key: keyof Omit<LevelTotals, "levelId">) => levels.reduce((n, l) => n + l[key], 0);
  return { students: students.size, online, solved: sum("solved"), working: sum("working"), stuck: sum("stuck"), notStarted: sum("notStarted"), levels };
}
