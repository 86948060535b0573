import { traceText } from "../walk/trace-text";
import { runScenarioDetailed } from "./run";
import type { Scenario } from "./types";

/** The hop-by-hop trace of one probe, after the probes before it ran (they shape caches). */
export function traceScenarioProbe(scenario: Scenario, probeId: string): { ok: true; text: string } | { ok: false; error: string } {
  const index = scenario.probes.findIndex((p) => p.id === probeId);
  if (index < 0) return { ok: false, error: `no probe "${probeId}" in scenario ${scenario.name} (probes: ${scenario.probes.map((p) => p.id).join(", ")})` };
  const run = runScenarioDetailed(scenario).runs[index]!;
  const o = run.outcome;
  const summary = "server" in o ? `${o.result} ${o.server} (saw ${o.seenSrc} -> ${o.seenDst}:${o.seenPort})` : "replyFrom" in o ? `${o.result} from ${o.replyFrom}` : `${o.result}${o.detail ? `: ${o.detail}` : ""}`;
  return { ok: true, text: `${traceText(run.trace)}=> ${summary}\n` };
}
