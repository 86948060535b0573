/**
 * Turns the tries of one probe into outcomes with observed frequencies: tries with equal
 * (result, server, seenSrc, seenDst, seenPort, replyFrom) merge, p = count / tries, and the
 * outcomes come out in the contract's deterministic order.
 */
import { byOutcomeOrder, outcomeIdentity } from "../../engine/scenario/compare";
import type { Outcome } from "../../engine/scenario/types";

type WithoutP<T> = T extends unknown ? Omit<T, "p"> : never;
/** One try of a probe: an outcome before frequencies. */
export type Observation = WithoutP<Outcome>;

export function aggregateOutcomes(observations: readonly Observation[]): Outcome[] {
  const groups = new Map<string, { first: Observation; count: number }>();
  for (const observation of observations) {
    const key = outcomeIdentity(observation);
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { first: observation, count: 1 });
  }
  const total = observations.length;
  return [...groups.values()]
    .map(({ first, count }) => {
      const { detail, ...identity } = first;
      return { ...identity, p: total === 0 ? 0 : count / total, ...(detail !== undefined ? { detail } : {}) } as Outcome;
    })
    .sort(byOutcomeOrder);
}
