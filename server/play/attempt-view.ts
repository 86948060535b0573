/** An attempt as the play screen receives it. */
import { judge, type Level } from "../../engine/index";
import { summarize } from "../../game/attempt";
import type { AttemptView, VerdictSummary } from "../../game/protocol";
import type { AttemptRow } from "./attempt-store";
import type { LoadedAttempt, PlayContext } from "./context";

export function attemptView(ctx: PlayContext, attempt: LoadedAttempt): AttemptView {
  const { row, prepared, log } = attempt;
  const verdict = currentVerdict(ctx, attempt);
  return {
    id: row.id,
    levelId: row.levelId,
    seed: row.seed,
    level: withheldHelp(prepared.level, row),
    base: { hosts: prepared.hosts, setup: prepared.baseSetup, listen: prepared.listen },
    log,
    verdict,
    hintCount: prepared.level.hints.length,
    hintsShown: row.hintsShown,
    solutionShown: row.solutionShown,
    ...(row.solvedAt ? { solvedAt: row.solvedAt } : {}),
    stars: row.stars,
  };
}

/** The newest stored verdict (judged afresh only if none was stored). */
export function currentVerdict(ctx: PlayContext, { row, prepared, log }: LoadedAttempt): VerdictSummary {
  return ctx.store.latestVerdict(row.id) ?? summarize(judge(prepared, ctx.states.current(row.id, prepared, log)));
}

/** Unshown hints and the unrevealed solution stay on the server, or asking for them would mean nothing. */
function withheldHelp(level: Level, row: AttemptRow): Level {
  return { ...level, hints: level.hints.slice(0, row.hintsShown), solution: row.solutionShown ? level.solution : [] };
}
