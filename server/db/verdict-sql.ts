/**
 * SQL over an attempt's verdicts, which live in two tables (schema.ts, attemptVerdicts): each
 * helper reads `verdicts` and `commands` through their attempt indexes and combines the two.
 * Through the attemptVerdicts view, SQLite reads an attempt's rows by index only when the
 * attempt id is a parameter: correlated with an outer query's column (the dashboard's cells),
 * it scanned both whole tables for every cell (about 100 times slower at 2,000 students).
 * latestVerdictSql orders by the view's own `ord` (drizzle/0002_command_verdicts.sql): change
 * them together.
 */

/** Columns the current verdict has, by their names in the attemptVerdicts view. */
export type VerdictColumn = "solved" | "passed" | "total" | "json" | "created_at";

const COMMAND_COLUMNS: Record<VerdictColumn, string> = {
  solved: "verdict_solved",
  passed: "verdict_passed",
  total: "verdict_total",
  json: "verdict_json",
  created_at: "created_at",
};

/**
 * A scalar subquery: `column` of the current verdict of the attempt whose id is the SQL
 * expression `attemptId` (a named parameter such as `@attemptId`: it appears twice, or a column
 * of the outer query); null if the attempt has no verdict.
 */
export function latestVerdictSql(column: VerdictColumn, attemptId: string): string {
  return `(select x from (
      select * from (select ${column} as x, ((seq * 2 + (cause = 'undo')) << 31) + id as ord
        from verdicts where attempt_id = ${attemptId} order by id desc limit 1)
      union all
      select * from (select ${COMMAND_COLUMNS[column]} as x, (seq * 2) << 31 as ord
        from commands where attempt_id = ${attemptId} and verdict_json is not null order by seq desc limit 1)
    ) order by ord desc limit 1)`;
}

/** A scalar subquery: the most goals any verdict of the attempt passed; null if it has none. */
export function bestPassedSql(attemptId: string): string {
  return `nullif(max(
      coalesce((select max(passed) from verdicts where attempt_id = ${attemptId}), -1),
      coalesce((select max(verdict_passed) from commands where attempt_id = ${attemptId}), -1)
    ), -1)`;
}

/** A scalar subquery: when a verdict of the attempt first passed `passed` goals (an SQL expression); null if none did. */
export function firstReachedSql(attemptId: string, passed: string): string {
  return `nullif(min(
      coalesce((select min(created_at) from verdicts where attempt_id = ${attemptId} and passed = ${passed}), '~'),
      coalesce((select min(created_at) from commands where attempt_id = ${attemptId} and verdict_passed = ${passed}), '~')
    ), '~')`;
}
