/** attempt.open and attempt.reset: the player's one active attempt per level. */
import type { ServerReply } from "../../game/protocol";
import { attemptView } from "./attempt-view";
import { createAttempt } from "./new-attempt";
import { loadAttempt, loadOwnActiveAttempt, type PlayContext } from "./context";
import { newSeed } from "./ids";
import { PlayError } from "./play-error";

export function openAttempt(ctx: PlayContext, playerId: string, levelId: string): ServerReply {
  const active = ctx.store.activeAttempt(playerId, levelId);
  if (active) return { ok: true, type: "attempt", attempt: attemptView(ctx, loadAttempt(ctx, active)) };
  if (!ctx.levels.has(levelId)) throw new PlayError(`there is no level "${levelId}"`);
  const created = createAttempt(ctx, playerId, levelId, ctx.seedFor?.(playerId, levelId) ?? newSeed());
  return { ok: true, type: "attempt", attempt: attemptView(ctx, created, created.verdict) };
}

/** A new attempt at the same variant (seed); the old one stays in the database, inactive. */
export function resetAttempt(ctx: PlayContext, playerId: string, attemptId: string): ServerReply {
  const old = loadOwnActiveAttempt(ctx, playerId, attemptId);
  const created = createAttempt(ctx, playerId, old.row.levelId, old.row.seed, old.row.id);
  ctx.states.forget(old.row.id);
  return { ok: true, type: "attempt", attempt: attemptView(ctx, created, created.verdict) };
}
