/** A player's new attempt at a level variant, judged at its start. */
import { judge, type PreparedLevel } from "../../engine/index";
import { summarize } from "../../game/attempt";
import type { VerdictSummary } from "../../game/protocol";
import type { LoadedAttempt, PlayContext } from "./context";
import { newAttemptId } from "./ids";

/** The verdict of a level variant's start state: the same for every attempt at it, so judged once. */
const startVerdicts = new WeakMap<PreparedLevel, VerdictSummary>();

function startVerdict(prepared: PreparedLevel): VerdictSummary {
  let verdict = startVerdicts.get(prepared);
  if (!verdict) startVerdicts.set(prepared, (verdict = summarize(judge(prepared, prepared.start))));
  return verdict;
}

/**
 * Creates an attempt with its start verdict (seq 0). `replacing`: the attempt a reset retires,
 * deactivated in the same transaction. The engine work is done before the transaction begins.
 */
export function createAttempt(ctx: PlayContext, playerId: string, levelId: string, seed: number, replacing?: string): LoadedAttempt & { readonly verdict: VerdictSummary } {
  const prepared = ctx.levels.get(levelId, seed);
  const verdict = startVerdict(prepared);
  const now = ctx.now();
  const id = newAttemptId(Date.parse(now));
  ctx.store.transaction(() => {
    if (replacing) ctx.store.updateAttempt(replacing, { active: false });
    ctx.store.insertAttempt({ id, playerId, levelId, seed, startedAt: now });
    ctx.store.insertVerdict(id, 0, "start", verdict, now);
  });
  return { row: ctx.store.attempt(id)!, prepared, log: [], verdict };
}
