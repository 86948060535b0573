/**
 * Engine speed: probes per second on a two-node cluster, and each tests/oracle scenario (setup
 * plus probes) in the engine against the kernel harness running the same file in namespaces.
 * Engine figures are the median of one round's runs, the best of ROUNDS rounds.
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
/** Wall time spent running every oracle file in the engine before any is timed. */
const WARM_UP_MS = 2000;
/** Timing rounds per file; each figure is the best round's median. */
const ROUNDS = 5;

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
  const scenarios = files.map((f) => ({ name: f.replace(/\.yaml$/, ""), scenario: load(f) }));
  // Engine first, all of it, so kernel runs (processes, namespaces) do not disturb its timings.
  // Warm up on every file until V8 has had time to optimize the engine: with a single pass the
  // first files timed (k8s-*) measured the JIT tiering up, not the scenario. Every other pass
  // empties the parse caches, so the parser is optimized too and the cold column below measures
  // parsing, not V8 compiling the parser.
  const warmUntil = performance.now() + WARM_UP_MS;
  let pass = 0;
  do for (const { scenario } of scenarios) (pass % 2 ? engine.forgetParsedCommands() : undefined, runScenario(scenario));
  while ((pass++, performance.now() < warmUntil));
  // Each file in ROUNDS rounds spread over the run, keeping its best round, as the judge table
  // does: on this shared VM a stretch of seconds can run everything twice as slow (one file
  // measured 330 µs alone and 760 µs inside a full bench run), and the best round is the one
  // least disturbed by it. The kernel side is one run per file (each takes 0.2-18 s).
  const engineMs = scenarios.map(() => Infinity);
  // The same runs with the parse caches (command lines, iptables-restore inputs) emptied first:
  // what a scenario costs the first time its lines are seen (the warm figure is what repeated
  // replays cost).
  const coldMs = scenarios.map(() => Infinity);
  for (let round = 0; round < ROUNDS; round++) {
    scenarios.forEach(({ scenario }, i) => {
      engineMs[i] = Math.min(engineMs[i]!, timeIt(() => runScenario(scenario), 40).ms);
      coldMs[i] = Math.min(coldMs[i]!, timeIt(() => (engine.forgetParsedCommands(), runScenario(scenario)), 40).ms);
    });
  }
  const kernelMs: number[] = [];
  if (isRoot) {
    for (const { scenario } of scenarios) {
      const t0 = performance.now();
      await runScenarioInKernel(scenario);
      kernelMs.push(performance.now() - t0);
    }
  }
  const ratios = kernelMs.map((k, i) => k / engineMs[i]!);
  const coldRatios = kernelMs.map((k, i) => k / coldMs[i]!);
  const times = (x: number) => `${Math.round(x).toLocaleString("en")}x`;
  console.log(`\n${"scenario".padEnd(34)} ${"engine".padStart(10)} ${"cold parse".padStart(10)} ${"kernel".padStart(10)} ${"ratio".padStart(9)} ${"cold".padStart(9)}`);
  scenarios.forEach(({ name }, i) => {
    const k = kernelMs[i] !== undefined ? fmtMs(kernelMs[i]!) : "";
    const r = ratios[i] !== undefined ? times(ratios[i]!) : "";
    const rc = coldRatios[i] !== undefined ? times(coldRatios[i]!) : "";
    console.log(`${name.padEnd(34)} ${fmtMs(engineMs[i]!).padStart(10)} ${fmtMs(coldMs[i]!).padStart(10)} ${k.padStart(10)} ${r.padStart(9)} ${rc.padStart(9)}`);
  });
  const l23 = engineMs.filter((_, i) => /^l[23]-/.test(scenarios[i]!.name));
  console.log(`\nmedian engine time per scenario (setup + probes): ${fmtMs(median(l23))} over the ${l23.length} L2/L3 scenarios (target <= 0.2 ms); ${fmtMs(median(engineMs))} over all ${files.length}`);
  if (ratios.length) {
    const total = kernelMs.reduce((a, b) => a + b, 0) / engineMs.reduce((a, b) => a + b, 0);
    console.log(`engine vs kernel: all files ${times(total)} faster; per file median ${times(median(ratios))}, lowest ${times(Math.min(...ratios))} (target >= 1000x)`);
    console.log(`  with the parse caches emptied before every run: per file median ${times(median(coldRatios))}, lowest ${times(Math.min(...coldRatios))}`);
  }
}
