/**
 * The kernel harness: runs a Scenario in real Linux network namespaces and reports the same
 * ScenarioResult the engine does (shared/spec/SCENARIO.md). Order: sweep namespaces of dead
 * harness processes, create one namespace per host with pinned sysctls, start agents while the
 * setup lines run, open listeners, run the probes in file order, then clean up everything.
 */
import { DEFAULT_KERNEL_SAMPLES } from "../../engine/scenario/compare";
import type { ProbeOutcomes, ProbeSpec, Scenario, ScenarioResult } from "../../engine/scenario/types";
import { hostsNeedingAgents, openListeners, startAgents } from "./host-agents";
import { sweepDeadRunNamespaces } from "./namespaces";
import { checkKernelPrerequisites } from "./preflight";
import { runProbe } from "./probes";
import { withSandbox } from "./sandbox";
import { runSetup } from "./setup-runner";
import { TrackedProcesses } from "./tracked-processes";

export interface KernelRunOptions {
  /** Tries per TCP/UDP probe when the scenario uses random load balancing; default DEFAULT_KERNEL_SAMPLES (engine/scenario/compare.ts says why). */
  readonly samples?: number;
}

/**
 * `-m statistic --mode random` makes rule matches random, so the kernel's outcomes must be
 * sampled. `--mode nth` is deterministic (one counter per rule): repeating a probe would move
 * that counter on and change what the next probe sees, so nth probes run once, like the engine's.
 */
export function usesRandomChoice(scenario: Scenario): boolean {
  return scenario.setup.some((item) => /--mode\s+random|--probability/.test(item.line));
}

/** How many times the harness tries a probe: ICMP once; TCP/UDP `samples` times when sampling. */
export function kernelTries(scenario: Scenario, probe: ProbeSpec, samples = DEFAULT_KERNEL_SAMPLES): number {
  return probe.proto !== "icmp" && usesRandomChoice(scenario) ? samples : 1;
}

export async function runScenarioInKernel(scenario: Scenario, opts: KernelRunOptions = {}): Promise<ScenarioResult> {
  const tools = checkKernelPrerequisites();
  const samples = Math.max(1, Math.floor(opts.samples ?? DEFAULT_KERNEL_SAMPLES));
  const sweeper = new TrackedProcesses();
  try {
    await sweepDeadRunNamespaces(sweeper, tools);
  } finally {
    sweeper.killAll();
  }
  return withSandbox(tools, async (sandbox) => {
    await sandbox.createHosts(scenario.hosts.map((host) => host.name));
    const agents = startAgents(sandbox, hostsNeedingAgents(scenario));
    const refused = await runSetup(sandbox, scenario.setup);
    await openListeners(sandbox, scenario, agents);
    const probes: ProbeOutcomes[] = [];
    for (const probe of scenario.probes) {
      probes.push({ id: probe.id, outcomes: await runProbe(sandbox, agents, probe, kernelTries(scenario, probe, samples)) });
    }
    for (const agent of agents.values()) agent.close();
    return { scenario: scenario.name, probes, ...(refused.length > 0 ? { refused } : {}) };
  });
}
