/**
 * Live dashboards: for each class someone watches, the grid as last sent, and what changed
 * since. Changes are coalesced: the first one schedules a flush `flushMs` later, which re-reads
 * only the changed cells (the same query as the first view) and pushes one `dashboard.batch`
 * to the dashboard room. A slower sweep turns working cells stuck as time passes.
 * Classes nobody watches cost nothing.
 */
import type { Server } from "socket.io";
import { classStatus } from "../../game/class-machine";
import type { DashboardCell, DashboardStudent, DashboardTotals, DashboardView } from "../../game/class-protocol";
import type { Orm } from "../db/open";
import type { ClassActors } from "./class-actors";
import type { ClassRow, ClassStore } from "./class-store";
import { cellStatus, toCell, type CellClock } from "./dashboard-cells";
import { classCellRowsOf, type CellRow } from "./dashboard-query";
import { buildDashboard, cellClock, dashboardStudent } from "./dashboard-view";
import type { Presence } from "./presence";
import { dashboardRoom, push, roomSize } from "./rooms";

export interface DashboardLiveDeps {
  readonly orm: Orm;
  readonly store: ClassStore;
  readonly presence: Presence;
  readonly actors: ClassActors;
  readonly io: Server;
  /** Coalescing window for batches (ms). */
  readonly flushMs: number;
  /** How often stuck cells are looked for (ms). */
  readonly sweepMs: number;
}

interface Grid {
  readonly row: ClassRow;
  seq: number;
  /** Only cells of the grid's students and the class's levels (so the counts below are the totals). */
  readonly cells: Map<string, DashboardCell>;
  readonly students: Map<string, DashboardStudent>;
  /** Per level, its cells by status; and the students online: kept as cells and students change, so a batch's totals cost nothing. */
  readonly counts: Map<string, { solved: number; working: number; stuck: number }>;
  online: number;
  readonly dirtyCells: Set<string>;
  /** Changed cells whose rows came with the change (a play worker's reply): not read again. */
  readonly readCells: Map<string, CellRow>;
  readonly dirtyStudents: Set<string>;
  readonly removed: Set<string>;
  statusesChanged: boolean;
  timer: NodeJS.Timeout | undefined;
}

const key = (studentId: string, levelId: string) => `${studentId}\n${levelId}`;

export class DashboardLive {
  private readonly grids = new Map<string, Grid>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly deps: DashboardLiveDeps) {
    this.sweeper = setInterval(() => this.sweep(), deps.sweepMs).unref();
  }

  /** The whole dashboard now (class.watch); from here on, changes are pushed as batches. */
  view(row: ClassRow): DashboardView {
    const old = this.grids.get(row.id);
    // Changes already on their way to the dashboards watching now go out first: another tab's
    // watch (the projector, a reconnect) must not swallow them.
    if (old?.timer) {
      clearTimeout(old.timer);
      this.flushSafely(row.id);
    }
    const seq = (this.grids.get(row.id)?.seq ?? old?.seq ?? 0) + 1;
    const view = buildDashboard(this.deps, row, seq);
    const grid: Grid = {
      row,
      seq,
      cells: new Map(),
      students: new Map(),
      counts: new Map(row.levelIds.map((id) => [id, { solved: 0, working: 0, stuck: 0 }])),
      online: 0,
      dirtyCells: new Set(),
      readCells: new Map(),
      dirtyStudents: new Set(),
      removed: new Set(),
      statusesChanged: false,
      timer: undefined,
    };
    for (const student of view.students) putStudent(grid, student);
    for (const cell of view.cells) if (grid.students.has(cell.studentId)) putCell(grid, key(cell.studentId, cell.levelId), cell);
    this.grids.set(row.id, grid);
    return view;
  }

  cellChanged(classId: string, studentId: string, levelId: string): void {
    const grid = this.grids.get(classId);
    if (!grid) return;
    grid.dirtyCells.add(key(studentId, levelId));
    this.schedule(classId, grid);
  }

  /** A cell changed, and this is its row as the query would read it now. */
  cellRead(classId: string, row: CellRow): void {
    const grid = this.grids.get(classId);
    if (!grid) return;
    grid.readCells.set(key(row.studentId, row.levelId), row);
    this.schedule(classId, grid);
  }

  /** Joined, came online or went offline. */
  studentChanged(classId: string, studentId: string): void {
    const grid = this.grids.get(classId);
    if (!grid) return;
    grid.dirtyStudents.add(studentId);
    this.schedule(classId, grid);
  }

  /** Started, paused, resumed, ended or unlocked: statuses may change (stuck only counts while running). */
  classChanged(classId: string): void {
    const grid = this.grids.get(classId);
    if (!grid) return;
    grid.statusesChanged = true;
    this.schedule(classId, grid);
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const grid of this.grids.values()) if (grid.timer) clearTimeout(grid.timer);
    this.grids.clear();
  }

  private schedule(classId: string, grid: Grid): void {
    grid.timer ??= setTimeout(() => this.flushSafely(classId), this.deps.flushMs);
  }

  private flushSafely(classId: string): void {
    try {
      this.flush(classId);
    } catch (error) {
      console.error(`podpath: the dashboard of class ${classId} could not be updated`, error);
    }
  }

  private clock(grid: Grid): CellClock {
    const snapshot = this.deps.actors.snapshot(grid.row.id);
    return cellClock(grid.row, snapshot ? classStatus(snapshot) : "ended");
  }

  private flush(classId: string): void {
    const grid = this.grids.get(classId);
    if (!grid) return;
    grid.timer = undefined;
    if (roomSize(this.deps.io, dashboardRoom(classId)) === 0) {
      this.grids.delete(classId);
      return;
    }
    // A student the grid does not know yet (joined after the view was made) arrives with their first cell.
    for (const k of [...grid.dirtyCells, ...grid.readCells.keys()]) {
      const studentId = k.slice(0, k.indexOf("\n"));
      if (!grid.students.has(studentId)) grid.dirtyStudents.add(studentId);
    }
    const students: DashboardStudent[] = [];
    const removed: string[] = [];
    for (const id of grid.dirtyStudents) {
      const row = this.deps.store.student(id);
      if (!row || row.removedAt !== null) {
        if (dropStudent(grid, id)) removed.push(id);
        for (const k of [...grid.cells.keys()]) if (k.startsWith(`${id}\n`)) dropCell(grid, k);
        continue;
      }
      const student = dashboardStudent(row, this.deps.presence);
      putStudent(grid, student);
      students.push(student);
    }
    const clock = this.clock(grid);
    const wanted: { studentId: string; levelId: string }[] = [];
    for (const k of grid.dirtyCells) {
      const [studentId, levelId] = k.split("\n") as [string, string];
      if (grid.students.has(studentId) && grid.row.levelIds.includes(levelId)) wanted.push({ studentId, levelId });
    }
    const cells = new Map<string, DashboardCell>();
    // A cell also read now is at least as new as a row that came with a change: the query's wins.
    for (const [k, row] of grid.readCells) if (grid.students.has(row.studentId) && grid.row.levelIds.includes(row.levelId)) cells.set(k, toCell(row, clock));
    for (const row of classCellRowsOf(this.deps.orm, classId, wanted)) cells.set(key(row.studentId, row.levelId), toCell(row, clock));
    if (grid.statusesChanged) for (const [k, cell] of this.restatused(grid, clock)) if (!cells.has(k)) cells.set(k, cell);
    grid.dirtyCells.clear();
    grid.readCells.clear();
    grid.dirtyStudents.clear();
    grid.statusesChanged = false;
    for (const [k, cell] of cells) putCell(grid, k, cell);
    this.send(grid, [...cells.values()], students, removed);
  }

  /** Cells whose status differs now from what was last sent. */
  private restatused(grid: Grid, clock: CellClock): Map<string, DashboardCell> {
    const changed = new Map<string, DashboardCell>();
    for (const [k, cell] of grid.cells) {
      const status = cellStatus(cell, clock);
      if (status !== cell.status) changed.set(k, { ...cell, status });
    }
    return changed;
  }

  private sweep(): void {
    for (const [classId, grid] of this.grids) {
      try {
        if (roomSize(this.deps.io, dashboardRoom(classId)) === 0) {
          if (grid.timer) clearTimeout(grid.timer);
          this.grids.delete(classId);
          continue;
        }
        const changed = this.restatused(grid, this.clock(grid));
        if (changed.size === 0) continue;
        for (const [k, cell] of changed) putCell(grid, k, cell);
        this.send(grid, [...changed.values()], [], []);
      } catch (error) {
        console.error(`podpath: the dashboard sweep of class ${classId} failed`, error);
      }
    }
  }

  private send(grid: Grid, cells: DashboardCell[], students: DashboardStudent[], removedStudentIds: string[]): void {
    grid.seq++;
    push(this.deps.io, dashboardRoom(grid.row.id), {
      v: 1,
      type: "dashboard.batch",
      batch: {
        classId: grid.row.id,
        seq: grid.seq,
        students,
        removedStudentIds,
        cells,
        totals: gridTotals(grid),
        at: new Date().toISOString(),
      },
    });
  }
}

function count(grid: Grid, cell: DashboardCell, by: 1 | -1): void {
  const level = grid.counts.get(cell.levelId);
  if (level && cell.status !== "not-started") level[cell.status] += by;
}

function putCell(grid: Grid, k: string, cell: DashboardCell): void {
  const old = grid.cells.get(k);
  if (old) count(grid, old, -1);
  grid.cells.set(k, cell);
  count(grid, cell, 1);
}

function dropCell(grid: Grid, k: string): void {
  const old = grid.cells.get(k);
  if (old) count(grid, old, -1);
  grid.cells.delete(k);
}

function putStudent(grid: Grid, student: DashboardStudent): void {
  const old = grid.students.get(student.id);
  grid.online += (student.online ? 1 : 0) - (old?.online ? 1 : 0);
  grid.students.set(student.id, student);
}

function dropStudent(grid: Grid, id: string): boolean {
  const old = grid.students.get(id);
  if (!old) return false;
  if (old.online) grid.online--;
  return grid.students.delete(id);
}

/** What totals() (dashboard-cells.ts) would count over the grid, from the counts kept. */
function gridTotals(grid: Grid): DashboardTotals {
  const students = grid.students.size;
  const levels = grid.row.levelIds.map((levelId) => {
    const t = grid.counts.get(levelId)!;
    return { levelId, solved: t.solved, working: t.working, stuck: t.stuck, notStarted: students - t.solved - t.working - t.stuck };
  });
  const sum = (k: "solved" | "working" | "stuck" | "notStarted") => levels.reduce((n, l) => n + l[k], 0);
  return { students, online: grid.online, solved: sum("solved"), working: sum("working"), stuck: sum("stuck"), notStarted: sum("notStarted"), levels };
}
