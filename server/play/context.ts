/** What every play handler works with, and the loading of an attempt a player may act on. */
import type { PreparedLevel } from "../../engine/index";
import type { LogEntry } from "../../game/protocol";
import type { AttemptStates } from "./attempt-states";
import type { AttemptRow, AttemptStore } from "./attempt-store";
import type { LevelLibrary } from "./level-library";
import { PlayError } from "./play-error";

export interface PlayContext {
  readonly store: AttemptStore;
  readonly levels: LevelLibrary;
  readonly states: AttemptStates;
  /** ISO time, for stored rows. */
  readonly now: () => string;
  /** The seed of a new attempt, when something other than chance decides it (a class with or without variants). */
  readonly seedFor?: (playerId: string, levelId: string) => number | undefined;
}

export interface LoadedAttempt {
  readonly row: AttemptRow;
  readonly prepared: PreparedLevel;
  readonly log: readonly LogEntry[];
}

export function loadAttempt(ctx: PlayContext, row: AttemptRow): LoadedAttempt {
  return { row, prepared: ctx.levels.get(row.levelId, row.seed), log: ctx.store.log(row.id) };
}

/** The player's own, active attempt. Another player's attempt reads as missing, so ids leak nothing. */
export function loadOwnActiveAttempt(ctx: PlayContext, playerId: string, attemptId: string): LoadedAttempt {
  const row = ctx.store.attempt(attemptId);
  if (!row || row.playerId !== playerId) throw new PlayError(`you have no attempt ${attemptId}`);
  if (!row.active) throw new PlayError(`attempt ${attemptId} was reset; open the level again to continue`);
  return loadAttempt(ctx, row);
}
