/**
 * The identity of an outcome in SCENARIO.md's sense: (result, server, seenSrc, seenDst, seenPort,
 * replyFrom). `p` and `detail` are not part of it. Also the contract's deterministic order and a
 * one-line description for people.
 */
import type { OutcomeResult } from "./types";

/** Anything with an outcome's identity keys: outcomes, outcomes before p, expected outcomes. */
export type OutcomeLike = Partial<Record<"server" | "seenSrc" | "seenDst" | "replyFrom", string>> & {
  readonly result?: OutcomeResult;
  readonly seenPort?: number;
};

export const RESULT_ORDER: readonly OutcomeResult[] = ["connected", "reply", "refused", "unreachable", "timeout", "local-error"];

export function outcomeIdentity(outcome: OutcomeLike): string {
  return JSON.stringify([
    outcome.result ?? null,
    outcome.server ?? null,
    outcome.seenSrc ?? null,
    outcome.seenDst ?? null,
    outcome.seenPort ?? null,
    outcome.replyFrom ?? null,
  ]);
}

/** Sort order for outcome lists: result (in RESULT_ORDER), then server, seenDst, seenSrc, seenPort, replyFrom. */
export function byOutcomeOrder(a: OutcomeLike, b: OutcomeLike): number {
  const resultRank = (outcome: OutcomeLike) => (outcome.result ? RESULT_ORDER.indexOf(outcome.result) : -1);
  return (
    resultRank(a) - resultRank(b) ||
    compareText(a.server, b.server) ||
    compareText(a.seenDst, b.seenDst) ||
    compareText(a.seenSrc, b.seenSrc) ||
    (a.seenPort ?? 0) - (b.seenPort ?? 0) ||
    compareText(a.replyFrom, b.replyFrom)
  );
}

function compareText(a: string | undefined, b: string | undefined): number {
  const left = a ?? "";
  const right = b ?? "";
  return left < right ? -1 : left > right ? 1 : 0;
}

/** e.g. `connected server=pod-b1 seen 10.244.0.2 -> 10.244.0.3:8080 p=0.5`. */
export function describeOutcome(outcome: OutcomeLike & { readonly p?: number }): string {
  const parts: string[] = [outcome.result ?? "(any result)"];
  if (outcome.server !== undefined) parts.push(`server=${outcome.server}`);
  if (outcome.seenSrc !== undefined || outcome.seenDst !== undefined || outcome.seenPort !== undefined) {
    parts.push(`seen ${outcome.seenSrc ?? "*"} -> ${outcome.seenDst ?? "*"}:${outcome.seenPort ?? "*"}`);
  }
  if (outcome.replyFrom !== undefined) parts.push(`from ${outcome.replyFrom}`);
  if (outcome.p !== undefined) parts.push(`p=${formatP(outcome.p)}`);
  return parts.join(" ");
}

export function formatP(p: number): string {
  return String(Math.round(p * 1000) / 1000);
}
