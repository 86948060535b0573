/**
 * `podpath scenario diff FILE...`: each file in the engine and in the kernel, compared as
 * SCENARIO.md defines equality. Kernel runs overlap (they mostly wait for probe timeouts);
 * reports print in file order.
 */
import { runScenario } from "../../engine/index";
import { compareScenarioResults, DEFAULT_KERNEL_SAMPLES, type ProbeDifference } from "../../engine/scenario/compare";
import type { Scenario } from "../../engine/scenario/types";
import { checkKernelPrerequisites } from "../kernel/preflight";
import { kernelTries, runScenarioInKernel } from "../kernel/run-scenario";
import { EXIT_DIFFER, EXIT_FAILED, EXIT_OK, EXIT_USAGE_OR_FILE, type CliOutput } from "./output";
import { readScenarioFile } from "./scenario-file";
import { runLimited } from "./run-limited";

const CONCURRENT_KERNEL_RUNS = 3;

type FileVerdict = { kind: "unreadable"; errors: string[] } | { kind: "failed"; error: string } | { kind: "compared"; differences: ProbeDifference[] };

export async function scenarioDiff(command: { files: string[]; samples?: number }, io: CliOutput): Promise<number> {
  try {
    checkKernelPrerequisites();
  } catch (error) {
    io.err((error as Error).message);
    return EXIT_FAILED;
  }
  const samples = command.samples ?? DEFAULT_KERNEL_SAMPLES;
  const verdicts = runLimited(command.files, CONCURRENT_KERNEL_RUNS, (file) => diffFile(file, samples));
  const counts = { agree: 0, differ: 0, unreadable: 0 };
  for (const [index, file] of command.files.entries()) {
    const verdict = await verdicts[index]!;
    counts[report(file, verdict, io)] += 1;
  }
  const unreadable = counts.unreadable > 0 ? `, ${counts.unreadable} unreadable` : "";
  io.out(`${command.files.length} scenarios: ${counts.agree} agree, ${counts.differ} differ${unreadable}`);
  if (counts.unreadable > 0) return EXIT_USAGE_OR_FILE;
  return counts.differ > 0 ? EXIT_DIFFER : EXIT_OK;
}

async function diffFile(file: string, samples: number): Promise<FileVerdict> {
  const parsed = await readScenarioFile(file);
  if (!parsed.ok) return { kind: "unreadable", errors: parsed.errors };
  const { scenario } = parsed;
  try {
    const engine = runScenario(scenario);
    const kernel = await runScenarioInKernel(scenario, { samples });
    return { kind: "compared", differences: compareScenarioResults(engine, kernel, { samples: triesByProbe(scenario, samples) }) };
  } catch (error) {
    return { kind: "failed", error: (error as Error).message };
  }
}

function triesByProbe(scenario: Scenario, samples: number): Record<string, number> {
  return Object.fromEntries(scenario.probes.map((probe) => [probe.id, kernelTries(scenario, probe, samples)]));
}

function report(file: string, verdict: FileVerdict, io: CliOutput): "agree" | "differ" | "unreadable" {
  switch (verdict.kind) {
    case "unreadable":
      for (const error of verdict.errors) io.err(error);
      return "unreadable";
    case "failed":
      io.out(`${file}: FAILED: ${verdict.error}`);
      return "differ";
    case "compared": {
      const mismatches = verdict.differences.filter((difference) => difference.severity === "mismatch");
      io.out(`${file}: ${mismatches.length === 0 ? "agree" : "DIFFER"}`);
      for (const difference of verdict.differences) io.out(`  ${difference.severity === "warning" ? "warning: " : ""}${difference.message}`);
      return mismatches.length === 0 ? "agree" : "differ";
    }
    default: {
      const unknown: never = verdict;
      return unknown;
    }
  }
}
