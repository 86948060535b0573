/**
 * The live dashboard's view, kept up to date from pushed batches (server/classroom/README.md,
 * "Pushes"): a batch counts only if its seq is newer than the view's; a cell in it replaces the
 * cell of the same student and level; removed students leave with their cells; totals are
 * replaced. Pure, and careful to keep every unchanged student and cell the same object, so the
 * grid re-renders only the rows a batch touched.
 */
import type { ClassStateView, DashboardBatch, DashboardCell, DashboardView } from "../../game/class-protocol";

export const cellKey = (studentId: string, levelId: string): string => `${studentId}\n${levelId}`;

export function applyBatch(view: DashboardView, batch: DashboardBatch): DashboardView {
  if (batch.classId !== view.class.id || batch.seq <= view.seq) return view;
  const removed = new Set(batch.removedStudentIds);
  const changedStudents = new Map(batch.students.map((s) => [s.id, s]));
  const students = view.students.filter((s) => !removed.has(s.id)).map((s) => changedStudents.get(s.id) ?? s);
  const known = new Set(view.students.map((s) => s.id));
  // Students who joined since: in the order the batch gives them (join order).
  for (const s of batch.students) if (!known.has(s.id) && !removed.has(s.id)) students.push(s);

  const changedCells = new Map(batch.cells.map((c) => [cellKey(c.studentId, c.levelId), c]));
  const cells: DashboardCell[] = [];
  for (const c of view.cells) {
    if (removed.has(c.studentId)) continue;
    const k = cellKey(c.studentId, c.levelId);
    const replacement = changedCells.get(k);
    cells.push(replacement ?? c);
    changedCells.delete(k);
  }
  for (const c of changedCells.values()) if (!removed.has(c.studentId)) cells.push(c);

  return { ...view, students, cells, totals: batch.totals, seq: batch.seq, at: batch.at };
}

/** A class.state push or a control's ack: the class as it is now (another class's state changes nothing). */
export function applyClassState(view: DashboardView, state: ClassStateView): DashboardView {
  return state.id === view.class.id ? { ...view, class: state } : view;
}

/**
 * Whether a grid row can skip re-rendering: the same cell objects at every level, and, if one of
 * them is stuck, the same clock (its "no progress for N min" moves with time).
 */
export function sameRowCells(
  levelIds: readonly string[],
  a: ReadonlyMap<string, DashboardCell> | undefined,
  b: ReadonlyMap<string, DashboardCell> | undefined,
  nowA: number,
  nowB: number,
): boolean {
  if (levelIds.some((id) => a?.get(id) !== b?.get(id))) return false;
  return nowA === nowB || !levelIds.some((id) => b?.get(id)?.status === "stuck");
}

/** Each student's cells by level id, for the grid's rows (unchanged cells stay the same objects). */
export function cellsByStudent(cells: readonly DashboardCell[]): ReadonlyMap<string, ReadonlyMap<string, DashboardCell>> {
  const rows = new Map<string, Map<string, DashboardCell>>();
  for (const c of cells) {
    let row = rows.get(c.studentId);
    if (!row) rows.set(c.studentId, (row = new Map()));
    row.set(c.levelId, c);
  }
  return rows;
}
