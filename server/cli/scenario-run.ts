/** `podpath scenario run` and `podpath scenario trace`. */
import { runScenario, traceScenarioProbe } from "../../engine/index";
import { DEFAULT_KERNEL_SAMPLES, matchesExpectation, samplingTolerance } from "../../engine/scenario/compare";
import type { ScenarioResult } from "../../engine/scenario/types";
import { checkKernelPrerequisites } from "../kernel/preflight";
import { runScenarioInKernel } from "../kernel/run-scenario";
import { contractJson, formatResult } from "./format-result";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE_OR_FILE, type CliOutput } from "./output";
import { readScenarioFile } from "./scenario-file";

export async function scenarioRun(
  command: { file: string; kernel: boolean; json: boolean; samples?: number },
  io: CliOutput,
): Promise<number> {
  const parsed = await readScenarioFile(command.file);
  if (!parsed.ok) {
    for (const error of parsed.errors) io.err(error);
    return EXIT_USAGE_OR_FILE;
  }
  let result: ScenarioResult;
  try {
    if (command.kernel) checkKernelPrerequisites();
  } catch (error) {
    io.err((error as Error).message);
    return EXIT_FAILED;
  }
  try {
    result = command.kernel
      ? await runScenarioInKernel(parsed.scenario, command.samples !== undefined ? { samples: command.samples } : {})
      : runScenario(parsed.scenario);
  } catch (error) {
    io.err(`${command.file}: ${command.kernel ? "kernel harness" : "engine"} failed: ${(error as Error).message}`);
    return EXIT_FAILED;
  }
  if (command.json) {
    io.out(contractJson(result));
    return EXIT_OK;
  }
  io.out(formatResult(parsed.scenario, result, command.kernel ? "kernel" : "engine"));
  if (parsed.scenario.expect) {
    // Kernel frequencies are samples: allow the widest sampling error (at p = 0.5).
    const pTolerance = command.kernel ? samplingTolerance(0.5, command.samples ?? DEFAULT_KERNEL_SAMPLES) : 1e-6;
    const check = matchesExpectation(result, parsed.scenario.expect, { pTolerance });
    io.out(check.ok ? "expect: all listed probes match" : ["expect: NOT MET", ...check.problems.map((problem) => `  ${problem}`)].join("\n"));
  }
  return EXIT_OK;
}

export async function scenarioTrace(command: { file: string; probeId: string }, io: CliOutput): Promise<number> {
  const parsed = await readScenarioFile(command.file);
  if (!parsed.ok) {
    for (const error of parsed.errors) io.err(error);
    return EXIT_USAGE_OR_FILE;
  }
  try {
    const trace = traceScenarioProbe(parsed.scenario, command.probeId);
    if (!trace.ok) {
      io.err(`${command.file}: ${trace.error}`);
      return EXIT_USAGE_OR_FILE;
    }
    io.out(trace.text.replace(/\n$/, ""));
    return EXIT_OK;
  } catch (error) {
    io.err(`${command.file}: engine failed: ${(error as Error).message}`);
    return EXIT_FAILED;
  }
}
