/** attempt.hint and attempt.solution: help is revealed one step at a time, and counted. */
import { canRevealSolution, commandCount, SOLUTION_AFTER_COMMANDS } from "../../game/attempt";
import type { ServerReply } from "../../game/protocol";
import { loadOwnActiveAttempt, type PlayContext } from "./context";
import { PlayError } from "./play-error";

export function revealHint(ctx: PlayContext, playerId: string, attemptId: string): ServerReply {
  const { row, prepared } = loadOwnActiveAttempt(ctx, playerId, attemptId);
  const hints = prepared.level.hints;
  const index = row.hintsShown;
  const hint = hints[index];
  if (!hint) throw new PlayError(hints.length === 0 ? "this level has no hints" : `no more hints: all ${hints.length} are shown`);
  ctx.store.updateAttempt(row.id, { hintsShown: index + 1 });
  return { ok: true, type: "hint", index, text: hint.en };
}

export function revealSolution(ctx: PlayContext, playerId: string, attemptId: string): ServerReply {
  const { row, prepared, log } = loadOwnActiveAttempt(ctx, playerId, attemptId);
  const hintCount = prepared.level.hints.length;
  if (!row.solutionShown && !canRevealSolution({ hintsShown: row.hintsShown, hintCount, commands: commandCount(log) })) {
    throw new PlayError(`the solution opens after ${SOLUTION_AFTER_COMMANDS} commands that change something, or once all ${hintCount} hints are shown`);
  }
  if (!row.solutionShown) ctx.store.updateAttempt(row.id, { solutionShown: true });
  return { ok: true, type: "solution", lines: prepared.level.solution.map(({ host, line }) => ({ host, line })) };
}
