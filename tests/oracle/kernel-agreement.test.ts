/**
 * The engine against the live kernel: every scenario in tests/oracle runs in PodPath's engine
 * and in real network namespaces (root), and the outcomes must be equal (SCENARIO.md). Each
 * file's `expect` block must hold for both.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseScenarioText } from "../../content/scenario/load";
import { runScenario } from "../../engine/index";
import { compareScenarioResults, matchesExpectation } from "../../engine/scenario/compare";
import type { Scenario, ScenarioResult } from "../../engine/scenario/types";
import { runScenarioInKernel } from "../../server/kernel/run-scenario";

const dir = join(import.meta.dirname, ".");
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();
const scenarios = new Map<string, Scenario>();
for (const f of files) {
  const parsed = parseScenarioText(readFileSync(join(dir, f), "utf8"), `tests/oracle/${f}`);
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  scenarios.set(f, parsed.scenario);
}
const kernel = new Map<string, ScenarioResult>();

/** Run the kernel side a few scenarios at a time: most of the wall time is probes waiting out timeouts. */
async function runAll(concurrency: number): Promise<void> {
  const queue = [...scenarios.entries()];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) kernel.set(next[0], await runScenarioInKernel(next[1]));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

describe("engine agrees with the Linux kernel on every oracle scenario", () => {
  beforeAll(() => runAll(6), 900_000);

  it("has at least 20 scenarios", () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  for (const f of files) {
    it(`${f}: same outcomes as the kernel`, () => {
      const scenario = scenarios.get(f)!;
      const engineResult = runScenario(scenario);
      const kernelResult = kernel.get(f);
      expect(kernelResult, "kernel run").toBeDefined();
      const mismatches = compareScenarioResults(engineResult, kernelResult!).filter((d) => d.severity === "mismatch");
      expect(mismatches.map((d) => d.message)).toEqual([]);
      if (scenario.expect) {
        for (const [side, result] of [["engine", engineResult], ["kernel", kernelResult!]] as const) {
          // Engine probabilities are exact. Kernel frequencies are samples: their agreement with the
          // engine's p is judged statistically by compareScenarioResults above, so here only the set
          // of outcomes must match.
          const check = matchesExpectation(result, scenario.expect, { pTolerance: side === "kernel" ? 1 : 1e-6 });
          expect(check.ok ? [] : check.problems, `${side} meets the file's expect block`).toEqual([]);
        }
      }
    });
  }
});
