/** What the catalog shows for a player, read straight from the database (for server components). */
import { eq, sql } from "drizzle-orm";
import type { Orm } from "../db/open";
import { latestVerdictSql } from "../db/verdict-sql";
import { attempts, players } from "../db/schema";
import { sharedOrm } from "../db/shared";

export type LevelStatus = "not-started" | "working" | "solved";

export interface LevelProgress {
  /** solved once any attempt at the level was solved, even if a later reset started it over. */
  status: LevelStatus;
  /** The best over the player's attempts at the level. */
  stars: number;
  /** Goals the current (active) attempt passes now, of how many. */
  passed: number;
  total: number;
}

/** Progress by level id; levels the player never opened are absent (read them as not-started). */
export function playerProgress(playerId: string): Record<string, LevelProgress> {
  return progressIn(sharedOrm(), playerId);
}

export function playerNickname(playerId: string): string | undefined {
  return nicknameIn(sharedOrm(), playerId);
}

export function progressIn(orm: Orm, playerId: string): Record<string, LevelProgress> {
  const latest = (column: "passed" | "total") => sql<number | null>`${sql.raw(latestVerdictSql(column, "attempts.id"))}`;
  const rows = orm
    .select({ levelId: attempts.levelId, active: attempts.active, solvedAt: attempts.solvedAt, stars: attempts.stars, passed: latest("passed"), total: latest("total") })
    .from(attempts)
    .where(eq(attempts.playerId, playerId))
    .all();
  const out: Record<string, LevelProgress> = {};
  for (const row of rows) {
    const level = (out[row.levelId] ??= { status: "working", stars: 0, passed: 0, total: 0 });
    if (row.solvedAt) level.status = "solved";
    level.stars = Math.max(level.stars, row.stars);
    if (row.active) {
      level.passed = row.passed ?? 0;
      level.total = row.total ?? 0;
    }
  }
  return out;
}

export function nicknameIn(orm: Orm, playerId: string): string | undefined {
  return orm.select({ nickname: players.nickname }).from(players).where(eq(players.id, playerId)).get()?.nickname ?? undefined;
}
