/**
 * The dashboard's numbers, straight from the attempts, command logs and verdicts of the class's
 * students (the tables play writes): one row per student and level they opened. The same query
 * serves the whole class (first view, CSV) and the cells a live update re-reads, so both always agree.
 */
import type Database from "better-sqlite3";
import { sqliteOf, type Orm } from "../db/open";
import { bestPassedSql, firstReachedSql, latestVerdictSql } from "../db/verdict-sql";

export interface CellRow {
  readonly studentId: string;
  readonly levelId: string;
  readonly startedAt: string;
  readonly solvedAt: string | null;
  readonly stars: number;
  readonly hintsUsed: number;
  readonly solutionShown: number;
  readonly commands: number;
  readonly passed: number;
  readonly total: number;
  readonly lastProgressAt: string;
}

// Per student and level: totals over every attempt, then the active attempt's newest verdict
// and the time it first reached its best number of passing goals. %FROM% is the whole class's
// students and attempts, or only the listed cells (driven by the list, so each cell is an index
// lookup and not a scan of the class).
const CELLS = `
with per_level as (
  select s.id as studentId, a.level_id as levelId,
    min(a.started_at) as startedAt,
    min(a.solved_at) as solvedAt,
    max(a.stars) as stars,
    sum(a.hints_shown) as hintsUsed,
    max(a.solution_shown) as solutionShown,
    sum((select count(*) from commands c where c.attempt_id = a.id)) as commands,
    max(case when a.active = 1 then a.id end) as activeId,
    max(case when a.active = 1 then a.started_at end) as activeStartedAt
  %FROM%
  where s.class_id = @classId and s.removed_at is null
  group by s.id, a.level_id
)
select p.studentId, p.levelId, p.startedAt, p.solvedAt, p.stars, p.hintsUsed, p.solutionShown, p.commands,
  coalesce(${latestVerdictSql("passed", "p.activeId")}, 0) as passed,
  coalesce(${latestVerdictSql("total", "p.activeId")}, 0) as total,
  coalesce(${firstReachedSql("p.activeId", bestPassedSql("p.activeId"))}, p.activeStartedAt, p.startedAt) as lastProgressAt
from per_level p
`;

const WHOLE_CLASS = "from class_students s join attempts a on a.player_id = s.player_id";
// @cells: a JSON array of [studentId, levelId] pairs.
// (CROSS JOIN keeps this order: SQLite's planner would otherwise scan the class first.)
const LISTED_CELLS = `from json_each(@cells) k
  cross join class_students s on s.id = json_extract(k.value, '$[0]')
  cross join attempts a on a.player_id = s.player_id and a.level_id = json_extract(k.value, '$[1]')`;

const statements = new WeakMap<Database.Database, { all: Database.Statement; listed: Database.Statement }>();

function prepared(orm: Orm) {
  const client = sqliteOf(orm);
  let s = statements.get(client);
  if (!s) {
    s = { all: client.prepare(CELLS.replace("%FROM%", WHOLE_CLASS)), listed: client.prepare(CELLS.replace("%FROM%", LISTED_CELLS)) };
    statements.set(client, s);
  }
  return s;
}

export function classCellRows(orm: Orm, classId: string): CellRow[] {
  return prepared(orm).all.all({ classId }) as CellRow[];
}

/** The rows of these cells, in one query (cells with no attempt yet, or of a removed student, are absent). */
export function classCellRowsOf(orm: Orm, classId: string, cells: readonly { readonly studentId: string; readonly levelId: string }[]): CellRow[] {
  if (cells.length === 0) return [];
  return prepared(orm).listed.all({ classId, cells: JSON.stringify(cells.map((c) => [c.studentId, c.levelId])) }) as CellRow[];
}
