/**
 * `podpath level check [ID...|--all]`: every level (and, for variant levels, seeds 0-19) must
 * read cleanly, fail from its start state, pass with its reference solution, and, unless
 * --engine-only, agree with the real kernel on the goal probes of its start and solved states.
 */
import { prepareLevel, type PreparedLevel } from "../../engine/judge/prepare";
import { levelScenario } from "../../engine/judge/prepare";
import { selfCheckLevel } from "../../engine/judge/self-check";
import { runScenario } from "../../engine/index";
import { compareScenarioResults, DEFAULT_KERNEL_SAMPLES } from "../../engine/scenario/compare";
import type { Scenario } from "../../engine/scenario/types";
import { checkKernelPrerequisites } from "../kernel/preflight";
import { kernelTries, runScenarioInKernel } from "../kernel/run-scenario";
import { levelFiles, readLevel, type LevelFileRef } from "../levels/catalog";
import { EXIT_DIFFER, EXIT_FAILED, EXIT_OK, EXIT_USAGE_OR_FILE, type CliOutput } from "./output";
import { runLimited } from "./run-limited";

/** [JC5] Variant levels are checked for this many seeds (0 .. N-1). */
export const VARIANT_SEEDS = 20;
const CONCURRENT_KERNEL_RUNS = 3;

export interface LevelCheckCommand {
  readonly ids: readonly string[];
  readonly all: boolean;
  readonly engineOnly: boolean;
}

interface LevelReport {
  readonly id: string;
  readonly problems: string[];
  readonly summary: string;
}

export async function levelCheck(command: LevelCheckCommand, io: CliOutput): Promise<number> {
  const files = levelFiles();
  const unknown = command.ids.filter((id) => !files.some((f) => f.id === id));
  if (unknown.length > 0) {
    io.err(`podpath: no level ${unknown.map((id) => JSON.stringify(id)).join(", ")} (levels: ${files.map((f) => f.id).join(", ")})`);
    return EXIT_USAGE_OR_FILE;
  }
  const chosen = command.all ? files : files.filter((f) => command.ids.includes(f.id));
  if (!command.engineOnly) {
    try {
      checkKernelPrerequisites();
    } catch (error) {
      io.err(`${(error as Error).message}\n(use --engine-only to skip the kernel comparison)`);
      return EXIT_FAILED;
    }
  }
  const reports = runLimited(chosen, command.engineOnly ? chosen.length || 1 : CONCURRENT_KERNEL_RUNS, (ref) => checkOne(ref, command.engineOnly));
  let failed = 0;
  for (const pending of reports) {
    const report = await pending;
    if (report.problems.length === 0) io.out(`${report.id}: ok (${report.summary})`);
    else {
      failed++;
      io.out(`${report.id}: FAILED`);
      for (const p of report.problems) io.out(`  ${p}`);
    }
  }
  io.out(`${chosen.length} levels: ${chosen.length - failed} ok, ${failed} failed`);
  return failed > 0 ? EXIT_DIFFER : EXIT_OK;
}

async function checkOne(ref: LevelFileRef, engineOnly: boolean): Promise<LevelReport> {
  const first = readLevel(ref, 0);
  if (!first.ok) return { id: ref.id, problems: first.errors, summary: "" };
  const seeds = Object.keys(first.params).length > 0 ? VARIANT_SEEDS : 1;
  const problems: string[] = [];
  let firstPrepared: PreparedLevel | undefined;
  const variants = new Set<string>();
  for (let seed = 0; seed < seeds; seed++) {
    const read = seed === 0 ? first : readLevel(ref, seed);
    const at = seeds > 1 ? `seed ${seed}: ` : "";
    if (!read.ok) {
      problems.push(...read.errors.map((e) => `${at}${e}`));
      continue;
    }
    variants.add(JSON.stringify(read.values));
    const prepared = prepareLevel(read.level);
    if (!prepared.ok) {
      problems.push(...prepared.errors.map((e) => `${at}${e}`));
      continue;
    }
    firstPrepared ??= prepared.prepared;
    problems.push(...selfCheckLevel(prepared.prepared).problems.map((p) => `${at}${p}`));
  }
  const goals = first.level.goals.length;
  const variantText = seeds > 1 ? `, ${seeds} seeds, ${variants.size} distinct variants` : "";
  if (problems.length > 0 || !firstPrepared || engineOnly) return { id: ref.id, problems, summary: `${goals} goals${variantText}; engine only` };
  for (const stage of ["start", "solved"] as const) problems.push(...(await kernelDifferences(levelScenario(firstPrepared, stage))).map((d) => `kernel, ${stage} state: ${d}`));
  return { id: ref.id, problems, summary: `${goals} goals${variantText}; the kernel agrees on the start and solved states` };
}

async function kernelDifferences(scenario: Scenario): Promise<string[]> {
  try {
    const engine = runScenario(scenario);
    const kernel = await runScenarioInKernel(scenario, { samples: DEFAULT_KERNEL_SAMPLES });
    const samples = Object.fromEntries(scenario.probes.map((p) => [p.id, kernelTries(scenario, p, DEFAULT_KERNEL_SAMPLES)]));
    return compareScenarioResults(engine, kernel, { samples }).filter((d) => d.severity === "mismatch").map((d) => d.message);
  } catch (error) {
    return [`the kernel harness failed: ${(error as Error).message}`];
  }
}
