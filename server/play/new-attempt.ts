/** A player's new attempt at a level variant, judged at its start. */
import { judge } from "../../engine/index";
import { summarize } from "../../game/attempt";
import type { LoadedAttempt, PlayContext } from "./context";
import { newId } from "./ids";

/**
 * Creates an attempt with its start verdict (seq 0). `replacing`: the attempt a reset retires,
 * deactivated in the same transaction. The engine work is done before the transaction begins.
 */
export function createAttempt(ctx: PlayContext, playerId: string, levelId: string, seed: number, replacing?: string): LoadedAttempt {
  const prepared = ctx.levels.get(levelId, seed);
  const verdict = summarize(judge(prepared, prepared.start));
  const id = newId();
  ctx.store.transaction(() => {
    const now = ctx.now();
    if (replacing) ctx.store.updateAttempt(replacing, { active: false });
    ctx.store.insertAttempt({ id, playerId, levelId, seed, startedAt: now });
    ctx.store.insertVerdict(id, 0, "start", verdict, now);
  });
  return { row: ctx.store.attempt(id)!, prepared, log: [] };
}
