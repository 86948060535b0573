/**
 * Engine speed: probes per second on a two-node cluster, and each tests/oracle scenario (setup
 * plus probes) in the engine against the kernel harness running the same file in namespaces.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseScenarioText } from "../content/scenario/load";
import type { EngineModule } from "./engine-bundle";
import type { Scenario } from "../engine/scenario/types";
import { runScenarioInKernel } from "../server/kernel/run-scenario";
import { fmtMs, median, timeIt } from "./stats";

const oracleDir = join(import.meta.dirname, "../tests/oracle");

function load(file: string): Scenario {
  const parsed = parseScenarioText(readFileSync(join(oracleDir, file), "utf8"), file);
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return parsed.scenario;
}

export function probesPerSecond(engine: EngineModule): void {
  const { buildScenarioState, runProbe } = engine;
  const scenario = load("l3-hostgw-two-nodes.yaml");
  const { state } = buildScenarioState(scenario);
  let seq = 0;
  const t = timeIt(() => {
    for (const probe of scenario.probes) runProbe(state, probe, seq++);
  }, 500);
  const perProbe = t.ms / scenario.probes.length;
  console.log(`engine probes/s on a 2-node host-gw cluster (${scenario.probes.length} probes, cross-node with ARP): ${Math.round(1000 / perProbe).toLocaleString("en")} (${fmtMs(perProbe)} per probe)`);
}

export async function engineVersusKernel(engine: EngineModule): Promise<void> {
  const { runScenario } = engine;
  const files = readdirSync(oracleDir).filter((f) => f.endsWith(".yaml")).sort();
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) console.log("kernel side NOT measured: the kernel harness needs root (run `sudo npm run bench`)");
  console.log(`\n${"scenario".padEnd(34)} ${"engine".padStart(10)} ${"kernel".padStart(10)} ${"ratio".padStart(9)}`);
  const engineMs: number[] = [];
  const ratios: number[] = [];
  for (const f of files) {
    const scenario = load(f);
    const e = timeIt(() => runScenario(scenario), 100).ms;
    engineMs.push(e);
    let k = "";
    let r = "";
    if (isRoot) {
      const t0 = performance.now();
      await runScenarioInKernel(scenario);
      const kms = performance.now() - t0;
      ratios.push(kms / e);
      k = fmtMs(kms);
      r = `${Math.round(kms / e).toLocaleString("en")}x`;
    }
    console.log(`${f.replace(/\.yaml$/, "").padEnd(34)} ${fmtMs(e).padStart(10)} ${k.padStart(10)} ${r.padStart(9)}`);
  }
  console.log(`\nmedian engine time per scenario (setup + probes): ${fmtMs(median(engineMs))} over ${files.length} scenarios (target <= 0.2 ms)`);
  if (ratios.length) console.log(`engine vs kernel: median ${Math.round(median(ratios)).toLocaleString("en")}x faster, slowest ratio ${Math.round(Math.min(...ratios)).toLocaleString("en")}x (target >= 1000x)`);
}
