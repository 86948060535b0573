/**
 * What the parity test compares: one level played from its start state through its reference
 * solution, judged before and after, as plain JSON. The same function runs in Node (from the
 * sources) and in Chromium (inside the esbuild bundle of engine/index.ts), so any difference
 * comes from the engine's behaviour in the two runtimes, not from the harness.
 */
import { apply, judge, prepareLevel, type Level, type NetState, type Verdict } from "../../engine/index";

export interface GoalRecord {
  readonly id: string;
  readonly pass: boolean;
  readonly explanation: string | null;
  /** Per goal probe: its id, every outcome (JSON) and the shown branch's trace (JSON). */
  readonly probes: readonly { readonly id: string; readonly outcomes: string; readonly shownTrace: string }[];
}

export interface VerdictRecord {
  readonly solved: boolean;
  readonly passed: number;
  readonly total: number;
  readonly goals: readonly GoalRecord[];
}

export interface LevelRecord {
  readonly levelId: string;
  readonly errors: readonly string[];
  /** Solution lines the engine refused, with its error. */
  readonly refused: readonly string[];
  readonly start: VerdictRecord | null;
  readonly solved: VerdictRecord | null;
}

function record(verdict: Verdict): VerdictRecord {
  return {
    solved: verdict.solved,
    passed: verdict.passed,
    total: verdict.total,
    goals: verdict.goals.map((g) => ({
      id: g.id,
      pass: g.pass,
      explanation: g.explanation ?? null,
      probes: g.probes.map((p) => ({ id: p.probe.id, outcomes: JSON.stringify(p.outcomes), shownTrace: JSON.stringify(p.shown.trace) })),
    })),
  };
}

/** Takes the level as JSON text, as it crosses into the browser, so both sides start from the same bytes. */
export function playLevel(levelJson: string): LevelRecord {
  const level = JSON.parse(levelJson) as Level;
  const prepared = prepareLevel(level);
  if (!prepared.ok) return { levelId: level.id, errors: [...prepared.errors], refused: [], start: null, solved: null };
  const p = prepared.prepared;
  const refused: string[] = [];
  let state: NetState = p.start;
  for (const item of level.solution) {
    const r = apply(state, item.host, item.line);
    if (r.ok) state = r.state;
    else refused.push(`${item.host}: ${item.line}: ${r.error}`);
  }
  return { levelId: level.id, errors: [], refused, start: record(judge(p, p.start)), solved: record(judge(p, state)) };
}
