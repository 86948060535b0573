/** attempt.undo: take back the latest command that changed something, re-judge, store. */
import { judge } from "../../engine/index";
import { replay, summarize, undoTarget } from "../../game/attempt";
import type { ServerReply } from "../../game/protocol";
import { firstSolve } from "./first-solve";
import { loadOwnActiveAttempt, type PlayContext } from "./context";
import { PlayError } from "./play-error";

export function undoAttemptCommand(ctx: PlayContext, playerId: string, attemptId: string): ServerReply {
  const attempt = loadOwnActiveAttempt(ctx, playerId, attemptId);
  const target = undoTarget(attempt.log);
  if (!target) throw new PlayError("nothing to undo: no command has changed anything yet");
  const log = attempt.log.map((e) => (e.seq === target.seq ? { ...e, undone: true } : e));
  const state = replay(attempt.prepared, log);
  const verdict = summarize(judge(attempt.prepared, state));
  const solve = firstSolve(ctx, attempt, verdict, log);

  ctx.store.transaction(() => {
    ctx.store.markUndone(attempt.row.id, target.seq);
    ctx.store.insertVerdict(attempt.row.id, log.length, "undo", verdict, ctx.now());
    if (solve) ctx.store.updateAttempt(attempt.row.id, solve);
  });
  ctx.states.remember(attempt.row.id, log, state);
  return { ok: true, type: "undo", undoneSeq: target.seq, verdict };
}
