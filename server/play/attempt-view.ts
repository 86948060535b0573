/** An attempt as the play screen receives it. */
import { judge, type Level, type PreparedLevel } from "../../engine/index";
import { summarize } from "../../game/attempt";
import type { AttemptView, VerdictSummary } from "../../game/protocol";
import type { LevelBase } from "../../engine/judge/prepare-base";
import { keepJson } from "./kept-json";
import type { AttemptRow } from "./attempt-store";
import type { LoadedAttempt, PlayContext } from "./context";

/** `verdict`: the attempt's current verdict when the caller has just stored it (a new attempt's start verdict). */
export function attemptView(ctx: PlayContext, attempt: LoadedAttempt, verdict: VerdictSummary = currentVerdict(ctx, attempt)): AttemptView {
  const { row, prepared, log } = attempt;
  return {
    id: row.id,
    levelId: row.levelId,
    seed: row.seed,
    level: shownLevel(prepared, row),
    base: viewParts(prepared).base,
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

/**
 * What every view of one prepared level shares, made once with its JSON (kept-json.ts): the
 * compiled start, and the level as shown with so many hints and with or without the solution.
 */
interface ViewParts {
  readonly base: LevelBase;
  readonly shown: Map<string, Level>;
}

const VIEW_PARTS = Symbol("viewParts");

function viewParts(prepared: PreparedLevel): ViewParts {
  const kept = (prepared as { [VIEW_PARTS]?: ViewParts })[VIEW_PARTS];
  if (kept) return kept;
  const base: LevelBase = { hosts: prepared.hosts, setup: prepared.baseSetup, listen: prepared.listen };
  keepJson(base);
  const parts: ViewParts = { base, shown: new Map() };
  Object.defineProperty(prepared, VIEW_PARTS, { value: parts });
  return parts;
}

/** Unshown hints and the unrevealed solution stay on the server, or asking for them would mean nothing. */
function shownLevel(prepared: PreparedLevel, row: AttemptRow): Level {
  const { shown } = viewParts(prepared);
  const key = `${row.hintsShown}/${row.solutionShown}`;
  let level = shown.get(key);
  if (!level) {
    const full = prepared.level;
    level = { ...full, hints: full.hints.slice(0, row.hintsShown), solution: row.solutionShown ? full.solution : [] };
    keepJson(level);
    shown.set(key, level);
  }
  return level;
}
