/**
 * Live dashboards: for each class someone watches, the grid as last sent, and what changed
 * since. Changes are coalesced: the first one schedules a flush `flushMs` later, which re-reads
 * only the changed cells (the same query as the first view) and pushes one `dashboard.batch`
 * to the dashboard room. A slower sweep turns working cells stuck as time passes.
 * Classes nobody watches cost nothing.
 */
import type { Server } from "socket.io";
import { classStatus } from "../../game/class-machine";
import type { DashboardCell, DashboardStudent, DashboardView } from "../../game/class-protocol";
import type { Orm } from "../db/open";
import type { ClassActors } from "./class-actors";
import type { ClassRow, ClassStore } from "./class-store";
import { cellStatus, totals, toCell, type CellClock } from "./dashboard-cells";
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
  readonly cells: Map<string, DashboardCell>;
  readonly students: Map<string, DashboardStudent>;
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
    this.grids.set(row.id, {
      row,
      seq,
      cells: new Map(view.cells.map((c) => [key(c.studentId, c.levelId), c])),
      students: new Map(view.students.map((s) => [s.id, s])),
      dirtyCells: new Set(),
      readCells: new Map(),
      dirtyStudents: new Set(),
      removed: new Set(),
      statusesChanged: false,
      timer: undefined,
    });
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
        if (grid.students.delete(id)) removed.push(id);
        for (const k of [...grid.cells.keys()]) if (k.startsWith(`${id}\n`)) grid.cells.delete(k);
        continue;
      }
      const student = dashboardStudent(row, this.deps.presence);
      grid.students.set(id, student);
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
    for (const [k, cell] of cells) grid.cells.set(k, cell);
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
        for (const [k, cell] of changed) grid.cells.set(k, cell);
        this.send(grid, [...changed.values()], [], []);
      } catch (error) {
        console.error(`podpath: the dashboard sweep of class ${classId} failed`, error);
      }
    }
  }

  private send(grid: Grid, cells: DashboardCell[], students: DashboardStudent[], removedStudentIds: string[]): void {
    const studentIds = [...grid.students.keys()];
    const online = [...grid.students.values()].filter((s) => s.online).length;
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
        totals: totals(grid.row.levelIds, studentIds, online, grid.cells.values()),
        at: new Date().toISOString(),
      },
    });
  }
}
