/** Run a scenario in the engine: setup lines in order, listeners, then probes against one evolving state. */
import { apply } from "../exec/apply";
import { createState, hostByName, patchHost, withHost } from "../model/state";
import type { NetState } from "../model/types";
import { runProbe, type ProbeRun } from "../walk/probe";
import type { ProbeOutcomes, RefusedLine, Scenario, ScenarioResult, SetupItem } from "./types";

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
  const refused: RefusedLine[] = [];
  const state = applySetup(createState(scenario.hosts), scenario.setup, refused);
  return { state: withListeners(state, scenario.listen), refused };
}

/** Setup lines run in order on a state, as buildScenarioState runs them ([SC1]); refused lines are added to `refused`. */
export function applySetup(state: NetState, setup: readonly SetupItem[], refused: RefusedLine[]): NetState {
  for (const item of setup) {
    const r = apply(state, item.host, item.line);
    if (r.ok) state = r.state;
    else {
      refused.push({ host: item.host, line: item.line, error: r.error });
      if (r.state) state = r.state;
    }
  }
  return state;
}

/** The scenario's listeners added to their hosts. */
export function withListeners(state: NetState, listen: Scenario["listen"]): NetState {
  for (const [hostName, listeners] of Object.entries(listen)) {
    const host = hostByName(state, hostName);
    if (host) state = withHost(state, patchHost(host, { listeners: [...host.listeners, ...listeners] }));
  }
  return state;
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
