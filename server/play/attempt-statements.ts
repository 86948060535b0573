/**
 * The SQL on a command's path, prepared once per connection as plain better-sqlite3 statements:
 * building a query with drizzle and mapping its rows cost more than running it. Columns are
 * renamed to the schema's property names (server/db/schema.ts); booleans travel as 0/1, and
 * attempt-store.ts turns them back.
 */
import type Database from "better-sqlite3";
import { latestVerdictSql } from "../db/verdict-sql";

const ATTEMPT_COLUMNS = `id, player_id as playerId, level_id as levelId, seed, started_at as startedAt, solved_at as solvedAt,
  stars, hints_shown as hintsShown, solution_shown as solutionShown, active`;

/** The attempt columns an update may set, by property name. */
export const ATTEMPT_UPDATABLE = { solvedAt: "solved_at", stars: "stars", hintsShown: "hints_shown", solutionShown: "solution_shown", active: "active" } as const;

export type AttemptStatements = ReturnType<typeof prepareAttemptStatements>;

export function prepareAttemptStatements(sqlite: Database.Database) {
  return {
    attempt: sqlite.prepare(`select ${ATTEMPT_COLUMNS} from attempts where id = ?`),
    activeAttempt: sqlite.prepare(`select ${ATTEMPT_COLUMNS} from attempts where player_id = ? and level_id = ? and active = 1`),
    insertAttempt: sqlite.prepare(
      `insert into attempts (id, player_id, level_id, seed, started_at)
       values (@id, @playerId, @levelId, @seed, @startedAt)`,
    ),
    log: sqlite.prepare(`select seq, host, line, accepted, error, output, changed, undone from commands where attempt_id = ? order by seq`),
    insertCommand: sqlite.prepare(
      `insert into commands (attempt_id, seq, host, line, accepted, error, output, changed, undone, created_at,
         verdict_solved, verdict_passed, verdict_total, verdict_json)
       values (@attemptId, @seq, @host, @line, @accepted, @error, @output, @changed, @undone, @createdAt,
         @solved, @passed, @total, @json)`,
    ),
    markUndone: sqlite.prepare(`update commands set undone = 1 where attempt_id = ? and seq = ?`),
    insertVerdict: sqlite.prepare(
      `insert into verdicts (attempt_id, seq, cause, solved, passed, total, json, created_at)
       values (@attemptId, @seq, @cause, @solved, @passed, @total, @json, @createdAt)`,
    ),
    latestVerdict: sqlite.prepare(`select ${latestVerdictSql("json", "@attemptId")}`).pluck(),
    commandVerdict: sqlite.prepare(`select json from attempt_verdicts where attempt_id = ? and seq = ? and cause = 'command' order by ord desc limit 1`).pluck(),
  };
}

/** `update attempts set <these columns> where id = @id`, for one set of property names. */
export function prepareAttemptUpdate(sqlite: Database.Database, keys: readonly (keyof typeof ATTEMPT_UPDATABLE)[]): Database.Statement {
  return sqlite.prepare(`update attempts set ${keys.map((k) => `${ATTEMPT_UPDATABLE[k]} = @${k}`).join(", ")} where id = @id`);
}
