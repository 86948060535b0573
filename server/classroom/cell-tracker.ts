/**
 * A play worker's dashboard cells: for each class student and level it played, the numbers of
 * the dashboard query (dashboard-query.ts), kept up to date from the rows the worker writes, so
 * that the main thread pushes a changed cell without reading it back from SQLite.
 *
 * A student always goes to the same worker, so a cell read once from the database and then moved
 * by the worker's own committed writes stays equal to what the query would read, as long as no
 * other connection writes the student's attempts. Nothing else in the server does, but that is
 * not assumed: every cell is forgotten when PRAGMA data_version says another connection (the
 * main thread, another process on the same file) committed since the last batch.
 * Writes are applied only once their batch has committed; a cell the worker does not know yet,
 * or a write it cannot place, is read again with the query, after the commit, so it includes
 * everything written.
 */
import type Database from "better-sqlite3";
import type { Orm } from "../db/open";
import type { AttemptWrite } from "../play/attempt-store";
import { OtherCommits } from "../db/other-commits";
import { bestPassedSql } from "../db/verdict-sql";
import { Lru } from "../play/lru";
import { classCellRowsOf, type CellRow } from "./dashboard-query";

interface Cell {
  row: CellRow;
  /** The active attempt (the query's activeId), its hints, and the most goals any of its verdicts passed. */
  activeId: string | null;
  activeHints: number;
  activeBest: number;
}

const key = (playerId: string, levelId: string) => `${playerId}\n${levelId}`;

export class CellTracker {
  private cells: Lru<string, Cell>;
  /** attempt id -> its cell's key, for the writes that name only the attempt. */
  private attempts: Lru<string, string>;
  /** Cells read whole from the database so far (for tests and diagnostics: the rest moved with the writes). */
  reads = 0;
  private readonly q: { member: Database.Statement; attempt: Database.Statement; active: Database.Statement; best: Database.Statement };
  private readonly otherCommits: OtherCommits;

  constructor(
    private readonly orm: Orm,
    sqlite: Database.Database,
    private readonly capacity = 20_000,
  ) {
    this.cells = new Lru(capacity);
    this.attempts = new Lru(capacity * 2);
    this.q = {
      member: sqlite.prepare("select id as studentId, class_id as classId from class_students where player_id = ?"),
      attempt: sqlite.prepare("select player_id as playerId, level_id as levelId from attempts where id = ?"),
      active: sqlite.prepare("select id, hints_shown as hints from attempts where player_id = ? and level_id = ? and active = 1"),
      best: sqlite.prepare(`select ${bestPassedSql("@attemptId")}`).pluck(),
    };
    this.otherCommits = new OtherCommits(sqlite);
  }

  /**
   * After a commit: the writes of each stored job of the batch, in order. Returns, for each job,
   * the cells its writes touched, as they are after the whole batch (a player who is no class
   * student has none).
   */
  apply(jobs: readonly (readonly AttemptWrite[])[]): CellRow[][] {
    // Another connection committed since the last batch (before this one took the write lock, or
    // since it committed): what it wrote is not in the kept cells. Those this batch touched are
    // read again whole, after this batch's commit; the others at their next write.
    if (this.otherCommits.sinceLastLook()) this.clear();
    const keys = jobs.map(() => new Set<string>());
    // Cells unknown before this batch, or moved by a write this does not follow: read after, whole.
    const reread = new Set<string>();
    jobs.forEach((writes, j) => {
      for (const write of writes) {
        const k = this.keyOf(write);
        if (!k) continue;
        keys[j]!.add(k);
        if (write.kind === "attempt") this.attempts.set(write.row.id, k);
        if (reread.has(k)) continue;
        const cell = this.cells.get(k);
        if (!cell || !step(cell, write)) reread.add(k);
      }
    });
    const rows = new Map<string, CellRow | undefined>();
    for (const k of reread) rows.set(k, this.read(k)?.row);
    return keys.map((touched) => {
      const out: CellRow[] = [];
      for (const k of touched) {
        const row = rows.has(k) ? rows.get(k) : this.cells.get(k)?.row;
        if (row) out.push({ ...row });
      }
      return out;
    });
  }

  /** Forget every cell (after a failure halfway through apply): each is read again at its next write. */
  clear(): void {
    this.cells = new Lru(this.capacity);
    this.attempts = new Lru(this.capacity * 2);
  }

  private keyOf(write: AttemptWrite): string | undefined {
    if (write.kind === "attempt") return key(write.row.playerId, write.row.levelId);
    const id = write.kind === "update" ? write.id : write.attemptId;
    const known = this.attempts.get(id);
    if (known) return known;
    const row = this.q.attempt.get(id) as { playerId: string; levelId: string } | undefined;
    if (!row) return undefined;
    const k = key(row.playerId, row.levelId);
    this.attempts.set(id, k);
    return k;
  }

  private read(k: string): Cell | undefined {
    this.reads++;
    this.cells.delete(k);
    const [playerId, levelId] = k.split("\n") as [string, string];
    const member = this.q.member.get(playerId) as { studentId: string; classId: string } | undefined;
    if (!member) return undefined;
    const [row] = classCellRowsOf(this.orm, member.classId, [{ studentId: member.studentId, levelId }]);
    if (!row) return undefined;
    const active = this.q.active.get(playerId, levelId) as { id: string; hints: number } | undefined;
    const best = active ? (this.q.best.get({ attemptId: active.id }) as number | null) : null;
    const cell: Cell = { row: { ...row }, activeId: active?.id ?? null, activeHints: active?.hints ?? 0, activeBest: best ?? -1 };
    if (active) this.attempts.set(active.id, k);
    this.cells.set(k, cell);
    return cell;
  }
}

const earlier = (a: string | null, b: string) => (a === null || b < a ? b : a);

/** One write on a cell, as the query would see it; false when the write is not one this follows (the cell is then read again). */
function step(cell: Cell, write: AttemptWrite): boolean {
  const row = cell.row as { -readonly [K in keyof CellRow]: CellRow[K] };
  switch (write.kind) {
    case "attempt":
      // A new active attempt (a reset deactivated the old one first): no verdict yet.
      row.startedAt = earlier(row.startedAt, write.row.startedAt);
      cell.activeId = write.row.id;
      cell.activeHints = 0;
      cell.activeBest = -1;
      row.passed = 0;
      row.total = 0;
      row.lastProgressAt = write.row.startedAt;
      return true;
    case "update": {
      const { patch } = write;
      for (const name of Object.keys(patch) as (keyof typeof patch)[]) {
        const value = patch[name];
        if (value === undefined) continue;
        if (name === "active" && value === false) {
          if (cell.activeId === write.id) {
            cell.activeId = null;
            row.passed = 0;
            row.total = 0;
            row.lastProgressAt = row.startedAt;
          }
        } else if (name === "solvedAt" && typeof value === "string") row.solvedAt = earlier(row.solvedAt, value);
        else if (name === "stars" && typeof value === "number") row.stars = Math.max(row.stars, value);
        else if (name === "solutionShown" && value === true) row.solutionShown = 1;
        else if (name === "hintsShown" && typeof value === "number" && cell.activeId === write.id) {
          row.hintsUsed += value - cell.activeHints;
          cell.activeHints = value;
        } else return false;
      }
      return true;
    }
    case "command":
      row.commands++;
      return true;
    case "verdict":
      if (write.attemptId !== cell.activeId) return true; // only the active attempt's verdicts show
      row.passed = write.passed;
      row.total = write.total;
      // The first time the attempt reached its best number of passing goals.
      if (write.passed > cell.activeBest || (write.passed === cell.activeBest && write.at < row.lastProgressAt)) {
        cell.activeBest = write.passed;
        row.lastProgressAt = write.at;
      }
      return true;
  }
}
