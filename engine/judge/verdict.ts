/** What the judge says about a state: each goal with pass or fail, the probes behind it, and why it failed. */
import type { ProbeBranch } from "../walk/probe";
import type { Outcome, ProbeSpec } from "../scenario/types";
import type { GoalKind, LocalText } from "./types";

export interface ProbeVerdict {
  readonly probe: ProbeSpec;
  /** Every distinct outcome with its exact probability. */
  readonly outcomes: readonly Outcome[];
  /** The branch that shows the failure (or, when the goal holds, the most likely one). */
  readonly shown: ProbeBranch;
}

export interface GoalVerdict {
  readonly id: string;
  readonly kind: GoalKind;
  readonly text: LocalText;
  readonly pass: boolean;
  readonly probes: readonly ProbeVerdict[];
  /** For a failing goal: what was wrong, then where the packet died, derived from the trace. */
  readonly explanation?: string;
}

export interface Verdict {
  readonly solved: boolean;
  readonly passed: number;
  readonly total: number;
  readonly goals: readonly GoalVerdict[];
}
