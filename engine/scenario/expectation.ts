/**
 * Does a result satisfy a scenario's `expect` block? Per listed probe, expected and actual
 * outcomes must pair up one to one, an expected outcome matching an actual one when every key it
 * gives is equal (a key left out matches anything; `p` within pTolerance). Probes not listed
 * are not checked.
 */
import { describeOutcome } from "./outcome-identity";
import type { ExpectedOutcome, Outcome, ScenarioResult } from "./types";

export interface ExpectationCheck {
  readonly ok: boolean;
  readonly problems: readonly string[];
}

export interface ExpectationOptions {
  /** Allowed |expected p - actual p|; default 1e-6 (engine results are exact). */
  readonly pTolerance?: number;
}

const IDENTITY_KEYS = ["result", "server", "seenSrc", "seenDst", "seenPort", "replyFrom"] as const;

export function matchesExpectation(
  result: ScenarioResult,
  expect: Readonly<Record<string, readonly ExpectedOutcome[]>> | undefined,
  opts: ExpectationOptions = {},
): ExpectationCheck {
  const problems: string[] = [];
  const tolerance = opts.pTolerance ?? 1e-6;
  for (const [probeId, expected] of Object.entries(expect ?? {})) {
    const actual = result.probes.find((probe) => probe.id === probeId)?.outcomes;
    if (!actual) {
      problems.push(`probe ${probeId}: no result`);
      continue;
    }
    if (!pairsOneToOne(expected, actual, tolerance)) {
      problems.push(
        `probe ${probeId}: expected [${expected.map(describeOutcome).join("; ")}] but got [${actual.map(describeOutcome).join("; ")}]`,
      );
    }
  }
  return { ok: problems.length === 0, problems };
}

function outcomeMatches(expected: ExpectedOutcome, actual: Outcome, tolerance: number): boolean {
  const actualKeys = actual as Partial<Record<(typeof IDENTITY_KEYS)[number], string | number>>;
  for (const key of IDENTITY_KEYS) {
    if (expected[key] !== undefined && expected[key] !== actualKeys[key]) return false;
  }
  return expected.p === undefined || Math.abs(expected.p - actual.p) <= tolerance;
}

/** A perfect bipartite matching between expected and actual (Kuhn's augmenting paths). */
function pairsOneToOne(expected: readonly ExpectedOutcome[], actual: readonly Outcome[], tolerance: number): boolean {
  if (expected.length !== actual.length) return false;
  const actualOwner = new Array<number>(actual.length).fill(-1);
  const tryAssign = (expectedIndex: number, visited: boolean[]): boolean => {
    for (let actualIndex = 0; actualIndex < actual.length; actualIndex++) {
      if (visited[actualIndex] || !outcomeMatches(expected[expectedIndex]!, actual[actualIndex]!, tolerance)) continue;
      visited[actualIndex] = true;
      const owner = actualOwner[actualIndex]!;
      if (owner < 0 || tryAssign(owner, visited)) {
        actualOwner[actualIndex] = expectedIndex;
        return true;
      }
    }
    return false;
  };
  return expected.every((_, index) => tryAssign(index, new Array<boolean>(actual.length).fill(false)));
}
