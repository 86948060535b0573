/**
 * Engine vs kernel, as SCENARIO.md defines equality: per probe the sets of outcome identities
 * (result, server, seenSrc, seenDst, seenPort, replyFrom) are equal and `p` agrees within
 * sampling error; the same setup lines are refused (error text compared loosely).
 *
 * Sampling error, for a kernel frequency from n tries of an outcome whose exact probability is
 * p (the engine's): |p_engine - p_kernel| <= 4.5 * sqrt(p(1-p)/n) + 1/n. An engine outcome with
 * p < 1 that the kernel never saw is fine while the chance of missing it, (1-p)^n, is > 1e-5.
 *
 * Both bounds are set so that agreeing engine and kernel are called different at most about
 * once in 100,000 outcomes (exact binomial, n = 128, p from 0.2 to 0.5: 2e-6 to 9e-6). A test
 * run compares many sampled outcomes; at 3 sigma and 24 tries (2.8e-4 to 9.8e-4 each) a CI run
 * failed on chance alone (svc-portal-jump: 3 and 21 of 24 where the engine says 0.5 each).
 * 128 tries also see real differences: engine 0.5 against kernel 0.25 is caught 87% of the
 * time (12% at 24 tries).
 */
import { describeOutcome, formatP, outcomeIdentity } from "./outcome-identity";
import type { Outcome, RefusedLine, ScenarioResult } from "./types";

export { byOutcomeOrder, describeOutcome, outcomeIdentity } from "./outcome-identity";
export { matchesExpectation, type ExpectationCheck } from "./expectation";

export type Severity = "mismatch" | "warning";

export type ProbeDifference =
  | { kind: "probe-missing"; severity: "mismatch"; probeId: string; missingFrom: "engine" | "kernel"; message: string }
  | { kind: "outcome-only-in-engine" | "outcome-only-in-kernel"; severity: "mismatch"; probeId: string; outcome: Outcome; message: string }
  | { kind: "outcome-not-sampled"; severity: "warning"; probeId: string; outcome: Outcome; message: string }
  | { kind: "probability"; severity: "mismatch"; probeId: string; outcome: Outcome; kernelP: number; tolerance: number; message: string }
  | { kind: "refused-only-in-engine" | "refused-only-in-kernel"; severity: "mismatch"; host: string; line: string; error: string; message: string }
  | { kind: "refused-error-text"; severity: "warning"; host: string; line: string; engineError: string; kernelError: string; message: string };

export interface CompareOptions {
  /** Kernel tries per probe: one number for all, or by probe id (missing ids: DEFAULT_KERNEL_SAMPLES). */
  readonly samples?: number | Readonly<Record<string, number>>;
}

/** The kernel harness's default number of tries for sampled probes. */
export const DEFAULT_KERNEL_SAMPLES = 128;
const SAMPLING_SIGMAS = 4.5;
const MISS_CHANCE_ACCEPTED = 1e-5;

export function compareScenarioResults(engine: ScenarioResult, kernel: ScenarioResult, opts: CompareOptions = {}): ProbeDifference[] {
  const differences: ProbeDifference[] = [];
  const kernelProbes = new Map(kernel.probes.map((probe) => [probe.id, probe.outcomes]));
  const engineIds = new Set(engine.probes.map((probe) => probe.id));
  for (const probe of engine.probes) {
    const kernelOutcomes = kernelProbes.get(probe.id);
    if (!kernelOutcomes) {
      differences.push({ kind: "probe-missing", severity: "mismatch", probeId: probe.id, missingFrom: "kernel", message: `probe ${probe.id}: no kernel result` });
      continue;
    }
    differences.push(...compareProbe(probe.id, probe.outcomes, kernelOutcomes, samplesFor(opts, probe.id)));
  }
  for (const probe of kernel.probes) {
    if (!engineIds.has(probe.id)) {
      differences.push({ kind: "probe-missing", severity: "mismatch", probeId: probe.id, missingFrom: "engine", message: `probe ${probe.id}: no engine result` });
    }
  }
  differences.push(...compareRefused(engine.refused ?? [], kernel.refused ?? []));
  return differences;
}

function samplesFor(opts: CompareOptions, probeId: string): number {
  if (typeof opts.samples === "number") return opts.samples;
  return opts.samples?.[probeId] ?? DEFAULT_KERNEL_SAMPLES;
}

/** Outcomes with the same identity are one outcome: their probabilities add up. */
function byIdentity(outcomes: readonly Outcome[]): Map<string, Outcome> {
  const merged = new Map<string, Outcome>();
  for (const outcome of outcomes) {
    const key = outcomeIdentity(outcome);
    const seen = merged.get(key);
    merged.set(key, seen ? { ...seen, p: seen.p + outcome.p } : outcome);
  }
  return merged;
}

export function samplingTolerance(p: number, n: number): number {
  return SAMPLING_SIGMAS * Math.sqrt((p * (1 - p)) / n) + 1 / n;
}

function compareProbe(probeId: string, engineOutcomes: readonly Outcome[], kernelOutcomes: readonly Outcome[], n: number): ProbeDifference[] {
  const differences: ProbeDifference[] = [];
  const engine = byIdentity(engineOutcomes);
  const kernel = byIdentity(kernelOutcomes);
  for (const [key, outcome] of engine) {
    const seen = kernel.get(key);
    if (!seen) {
      const missChance = Math.pow(1 - outcome.p, n);
      const text = `${describeOutcome(outcome)} (chance to miss it in ${n} tries: ${missChance.toPrecision(2)})`;
      if (outcome.p < 1 && missChance > MISS_CHANCE_ACCEPTED) {
        differences.push({ kind: "outcome-not-sampled", severity: "warning", probeId, outcome, message: `probe ${probeId}: kernel did not see engine outcome ${text}` });
      } else {
        differences.push({ kind: "outcome-only-in-engine", severity: "mismatch", probeId, outcome, message: `probe ${probeId}: engine only: ${text}` });
      }
      continue;
    }
    const tolerance = samplingTolerance(outcome.p, n);
    if (Math.abs(outcome.p - seen.p) > tolerance + 1e-9) {
      differences.push({
        kind: "probability", severity: "mismatch", probeId, outcome, kernelP: seen.p, tolerance,
        message: `probe ${probeId}: ${describeOutcome({ ...outcome, p: undefined })}: engine p=${formatP(outcome.p)}, kernel p=${formatP(seen.p)} over ${n} tries (tolerance ${formatP(tolerance)})`,
      });
    }
  }
  for (const [key, outcome] of kernel) {
    if (!engine.has(key)) {
      differences.push({ kind: "outcome-only-in-kernel", severity: "mismatch", probeId, outcome, message: `probe ${probeId}: kernel only: ${describeOutcome(outcome)}` });
    }
  }
  return differences;
}

function compareRefused(engine: readonly RefusedLine[], kernel: readonly RefusedLine[]): ProbeDifference[] {
  const differences: ProbeDifference[] = [];
  const unmatchedKernel = [...kernel];
  for (const line of engine) {
    const index = unmatchedKernel.findIndex((candidate) => candidate.host === line.host && candidate.line === line.line);
    if (index < 0) {
      differences.push({ kind: "refused-only-in-engine", severity: "mismatch", host: line.host, line: line.line, error: line.error, message: `${line.host}: "${firstLine(line.line)}" refused by the engine only: ${line.error}` });
      continue;
    }
    const [match] = unmatchedKernel.splice(index, 1);
    if (match && normalizeError(match.error) !== normalizeError(line.error)) {
      differences.push({
        kind: "refused-error-text", severity: "warning", host: line.host, line: line.line, engineError: line.error, kernelError: match.error,
        message: `${line.host}: "${firstLine(line.line)}" refused by both, with different words: engine "${line.error}", kernel "${match.error}"`,
      });
    }
  }
  for (const line of unmatchedKernel) {
    differences.push({ kind: "refused-only-in-kernel", severity: "mismatch", host: line.host, line: line.line, error: line.error, message: `${line.host}: "${firstLine(line.line)}" refused by the kernel only: ${line.error}` });
  }
  return differences;
}

/** "Error: Nexthop has invalid gateway." and "nexthop has invalid gateway" are the same words. */
function normalizeError(error: string): string {
  return error.trim().toLowerCase().replace(/^error:\s*/, "").replace(/\s+/g, " ").replace(/\.$/, "");
}

function firstLine(line: string): string {
  const newline = line.indexOf("\n");
  return newline < 0 ? line : `${line.slice(0, newline)} ...`;
}
