/**
 * The dashboard's numbers, straight from the attempts, command logs and verdicts of the class's
 * students (the tables play writes): one row per student and level they opened. The same query
 * serves the whole class (first view, CSV) and one cell (live updates), so both always agree.
 */
import type Database from "better-sqlite3";
import type { Orm } from "../db/open";

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
// and the time it first reached its best number of passing goals.
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
  from class_students s
  join attempts a on a.player_id = s.player_id
  where s.class_id = @classId and s.removed_at is null %FILTER%
  group by s.id, a.level_id
)
select p.studentId, p.levelId, p.startedAt, p.solvedAt, p.stars, p.hintsUsed, p.solutionShown, p.commands,
  coalesce(v.passed, 0) as passed, coalesce(v.total, 0) as total,
  coalesce((select min(b.created_at) from verdicts b where b.attempt_id = p.activeId
            and b.passed = (select max(m.passed) from verdicts m where m.attempt_id = p.activeId)), p.activeStartedAt, p.startedAt) as lastProgressAt
from per_level p
left join verdicts v on v.id = (select max(x.id) from verdicts x where x.attempt_id = p.activeId)
`;

const statements = new WeakMap<Database.Database, { all: Database.Statement; one: Database.Statement }>();

function prepared(orm: Orm) {
  const client = (orm as Orm & { $client: Database.Database }).$client;
  let s = statements.get(client);
  if (!s) {
    s = {
      all: client.prepare(CELLS.replace("%FILTER%", "")),
      one: client.prepare(CELLS.replace("%FILTER%", "and s.id = @studentId and a.level_id = @levelId")),
    };
    statements.set(client, s);
  }
  return s;
}

export function classCellRows(orm: Orm, classId: string): CellRow[] {
  return prepared(orm).all.all({ classId }) as CellRow[];
}

export function cellRow(orm: Orm, classId: string, studentId: string, levelId: string): CellRow | undefined {
  return prepared(orm).one.get({ classId, studentId, levelId }) as CellRow | undefined;
}

/** The rows of these cells (those with no attempt yet are absent). */
export function classCellRowsOf(orm: Orm, classId: string, keys: readonly { readonly studentId: string; readonly levelId: string }[]): CellRow[] {
  const rows: CellRow[] = [];
  for (const { studentId, levelId } of keys) {
    const row = cellRow(orm, classId, studentId, levelId);
    if (row) rows.push(row);
  }
  return rows;
}
