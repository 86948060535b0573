/**
 * What `podpath level check` asks of every level (and every seed of a variant level), in the
 * engine: [JC1] the start state builds without a refused line; [JC2] the goals fail from the
 * start; [JC3] the reference solution is accepted line by line, is allowed by the level's own
 * rules, and passes every goal; [JC4] a keep goal's show command changes nothing.
 */
import { apply } from "../exec/apply";
import type { NetState } from "../model/types";
import { commandAllowed } from "./allowed";
import { judge } from "./judge";
import { sameConfiguration } from "./configuration";
import type { PreparedLevel } from "./prepare";
import type { Verdict } from "./verdict";

export interface LevelSelfCheck {
  readonly problems: readonly string[];
  readonly start: Verdict;
  readonly solved?: Verdict;
}

export function selfCheckLevel(prepared: PreparedLevel): LevelSelfCheck {
  const { level } = prepared;
  const problems: string[] = [];
  for (const r of prepared.refused) problems.push(`start state: ${r.host}: \`${r.line.split("\n")[0]}\` is refused: ${r.error}`);
  for (const goal of level.goals) {
    if (goal.kind !== "keep" || goal.what !== "output") continue;
    const r = apply(prepared.start, goal.host, goal.show);
    if (!r.ok) problems.push(`goal ${goal.id}: \`${goal.show}\` is refused: ${r.error}`);
    else if (!sameConfiguration(prepared.start, r.state, goal.host)) problems.push(`goal ${goal.id}: \`${goal.show}\` changes the state; a keep goal needs a read-only command`);
  }
  const start = judge(prepared, prepared.start);
  if (start.solved) problems.push("the goals already pass in the start state: there is nothing to do");
  let state: NetState = prepared.start;
  for (const [i, item] of level.solution.entries()) {
    const allowed = commandAllowed(level, item.host, item.line);
    if (!allowed.ok) problems.push(`solution[${i}] on ${item.host}: ${allowed.error}`);
    const r = apply(state, item.host, item.line);
    if (r.ok) state = r.state;
    else problems.push(`solution[${i}] on ${item.host}: \`${item.line.split("\n")[0]}\` is refused: ${r.error}`);
  }
  const solved = judge(prepared, state);
  for (const g of solved.goals) if (!g.pass) problems.push(`the reference solution fails goal ${g.id}: ${g.explanation ?? ""}`);
  return { problems, start, solved };
}

/** The state after the reference solution (lines the stack refuses are skipped, as in setup). */
export function solvedState(prepared: PreparedLevel): NetState {
  let state: NetState = prepared.start;
  for (const item of prepared.level.solution) {
    const r = apply(state, item.host, item.line);
    if (r.ok) state = r.state;
  }
  return state;
}
