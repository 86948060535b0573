/** Run a scenario in the engine: setup lines in order, listeners, then probes against one evolving state. */
import { apply } from "../exec/apply";
import { createState, hostByName, patchHost, withHost } from "../model/state";
import type { NetState } from "../model/types";
import { runProbe, type ProbeRun } from "../walk/probe";
import type { ProbeOutcomes, RefusedLine, Scenario, ScenarioResult } from "./types";

export interface ScenarioRun {
  readonly result: ScenarioResult;
  readonly state: NetState;
  readonly runs: readonly ProbeRun[];
}

/**
 * [SC1] A refused setup line changes nothing and the run goes on, as a shell script without
 * `set -e` (but iptables-restore keeps the blocks it COMMITted before failing, [IPT15]).
 */
export function buildScenarioState(scenario: Scenario): { state: NetState; refused: RefusedLine[] } {
  let state = createState(scenario.hosts);
  const refused: RefusedLine[] = [];
  for (const item of scenario.setup) {
    const r = apply(state, item.host, item.line);
    if (r.ok) state = r.state;
    else {
      refused.push({ host: item.host, line: item.line, error: r.error });
      if (r.state) state = r.state;
    }
  }
  for (const [hostName, listeners] of Object.entries(scenario.listen)) {
    const host = hostByName(state, hostName);
    if (host) state = withHost(state, patchHost(host, { listeners: [...host.listeners, ...listeners] }));
  }
  return { state, refused };
}

/** [SC2] Probes run in file order; each uses a fresh source port; what one leaves behind (neighbour and FDB entries) the next one finds. */
export function runScenarioDetailed(scenario: Scenario): ScenarioRun {
  const built = buildScenarioState(scenario);
  let state = built.state;
  const probes: ProbeOutcomes[] = [];
  const runs: ProbeRun[] = [];
  scenario.probes.forEach((probe, seq) => {
    const run = runProbe(state, probe, seq);
    state = run.state;
    runs.push(run);
    probes.push({ id: probe.id, outcomes: [...run.outcomes] });
  });
  const result: ScenarioResult = { scenario: scenario.name, probes, ...(built.refused.length ? { refused: built.refused } : {}) };
  return { result, state, runs };
}

export function runScenario(scenario: Scenario): ScenarioResult {
  return runScenarioDetailed(scenario).result;
}
