/** Scoring: an attempt is solved, and its stars fixed, by the first verdict that solves it. */
import { commandCount, stars } from "../../game/attempt";
import type { LogEntry, VerdictSummary } from "../../game/protocol";
import type { LoadedAttempt, PlayContext } from "./context";

/** The attempt's changes when this verdict solves it for the first time; stars are fixed then. */
export function firstSolve(ctx: PlayContext, attempt: LoadedAttempt, verdict: VerdictSummary, log: readonly LogEntry[]): { solvedAt: string; stars: number } | undefined {
  const { row, prepared } = attempt;
  if (!verdict.solved || row.solvedAt) return undefined;
  const par = prepared.level.par;
  return { solvedAt: ctx.now(), stars: stars({ solved: true, solutionShown: row.solutionShown, commands: commandCount(log), ...(par !== undefined ? { par } : {}) }) };
}
