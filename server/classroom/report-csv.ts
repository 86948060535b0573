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

function seconds(row: CellRow): number | "" {
  if (!row.solvedAt) return "";
  return Math.max(0, Math.round((Date.parse(row.solvedAt) - Date.parse(row.startedAt)) / 1000));
}

export function classReportCsv(orm: Orm, store: ClassStore, row: ClassRow): string {
  const cells = new Map(classCellRows(orm, row.id).map((c) => [`${c.studentId}\n${c.levelId}`, c]));
  const lines = [REPORT_COLUMNS.join(",")];
  for (const student of store.activeStudents(row.id)) {
    for (const levelId of row.levelIds) {
      const c = cells.get(`${student.id}\n${levelId}`);
      lines.push(
        c
          ? csvRow([student.nickname, levelId, c.solvedAt ? "yes" : "no", seconds(c), c.commands, c.hintsUsed, c.stars, c.solutionShown ? "yes" : "no"])
          : csvRow([student.nickname, levelId, "no", "", 0, 0, 0, "no"]),
      );
    }
  }
  return lines.join("\r\n") + "\r\n";
}

export function reportFileName(row: ClassRow): string {
  return `podpath-class-${row.code}-${row.createdAt.slice(0, 10)}.csv`;
}
