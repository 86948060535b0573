/**
 * The class report as CSV (RFC 4180, CRLF): one row per student and level of the class.
 * Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe, so a nickname like `=cmd()` stays text.
 */
import type { Orm } from "../db/open";
import type { ClassRow, ClassStore } from "./class-store";
import { classCellRows, type CellRow } from "./dashboard-query";

export const REPORT_COLUMNS = ["student", "level", "solved", "time_seconds", "commands", "hints_used", "stars", "solution_shown"] as const;

export function csvText(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvRow(fields: readonly (string | number)[]): string {
  return fields.map((f) => (typeof f === "number" ? String(f) : csvText(f))).join(",");
}

/** One student at one class level, as the report gives it (the CSV's row, typed). */
export interface ReportRow {
  readonly studentId: string;
  readonly student: string;
  readonly levelId: string;
  readonly solved: boolean;
  /** First start to first solve; absent while unsolved. */
  readonly timeSeconds?: number;
  readonly commands: number;
  readonly hintsUsed: number;
  readonly stars: number;
  readonly solutionShown: boolean;
}

function seconds(row: CellRow): number | undefined {
  if (!row.solvedAt) return undefined;
  return Math.max(0, Math.round((Date.parse(row.solvedAt) - Date.parse(row.startedAt)) / 1000));
}

/** Every student (not removed, in join order) at every class level (in class order). */
export function classReportRows(orm: Orm, store: ClassStore, row: ClassRow): ReportRow[] {
  const cells = new Map(classCellRows(orm, row.id).map((c) => [`${c.studentId}\n${c.levelId}`, c]));
  const rows: ReportRow[] = [];
  for (const student of store.activeStudents(row.id)) {
    for (const levelId of row.levelIds) {
      const c = cells.get(`${student.id}\n${levelId}`);
      const time = c && seconds(c);
      rows.push({
        studentId: student.id,
        student: student.nickname,
        levelId,
        solved: !!c?.solvedAt,
        ...(time !== undefined ? { timeSeconds: time } : {}),
        commands: c?.commands ?? 0,
        hintsUsed: c?.hintsUsed ?? 0,
        stars: c?.stars ?? 0,
        solutionShown: !!c?.solutionShown,
      });
    }
  }
  return rows;
}

export function classReportCsv(orm: Orm, store: ClassStore, row: ClassRow): string {
  const yes = (b: boolean) => (b ? "yes" : "no");
  const lines = [REPORT_COLUMNS.join(",")];
  for (const r of classReportRows(orm, store, row)) {
    lines.push(csvRow([r.student, r.levelId, yes(r.solved), r.timeSeconds ?? "", r.commands, r.hintsUsed, r.stars, yes(r.solutionShown)]));
  }
  return lines.join("\r\n") + "\r\n";
}

export function reportFileName(row: ClassRow): string {
  return `podpath-class-${row.code}-${row.createdAt.slice(0, 10)}.csv`;
}
