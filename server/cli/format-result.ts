/** Readable text for a ScenarioResult: one block per probe, then the refused setup lines. */
import { describeOutcome } from "../../engine/scenario/outcome-identity";
import type { ProbeSpec, Scenario, ScenarioResult } from "../../engine/scenario/types";

export function probeRoute(probe: ProbeSpec): string {
  const target = probe.proto === "icmp" ? "icmp" : `${probe.proto}/${probe.port}`;
  const extras = [probe.src ? `src ${probe.src}` : "", probe.size !== undefined ? `size ${probe.size}` : "", probe.df ? "df" : ""].filter(Boolean);
  return `${probe.from} → ${probe.to} ${target}${extras.length ? ` (${extras.join(", ")})` : ""}`;
}

export function formatResult(scenario: Scenario, result: ScenarioResult, where: "engine" | "kernel"): string {
  const out: string[] = [`scenario ${result.scenario} (${where})`];
  const idWidth = Math.max(2, ...scenario.probes.map((probe) => probe.id.length));
  for (const probe of result.probes) {
    const spec = scenario.probes.find((candidate) => candidate.id === probe.id);
    out.push(`  ${probe.id.padEnd(idWidth)}  ${spec ? probeRoute(spec) : ""}`);
    for (const outcome of probe.outcomes) {
      out.push(`  ${"".padEnd(idWidth)}    ${describeOutcome(outcome)}${outcome.detail ? `  (${outcome.detail})` : ""}`);
    }
  }
  const refused = result.refused ?? [];
  if (refused.length > 0) {
    out.push(`refused setup lines (${refused.length}):`);
    for (const line of refused) out.push(`  ${line.host}: ${line.line.split("\n")[0]}${line.line.includes("\n") ? " ..." : ""}`, `      ${line.error}`);
  }
  return out.join("\n");
}

/** The contract JSON: {scenario, probes}, plus refused only when some line was refused. */
export function contractJson(result: ScenarioResult): string {
  const refused = result.refused ?? [];
  return JSON.stringify({ scenario: result.scenario, probes: result.probes, ...(refused.length > 0 ? { refused } : {}) }, null, 2);
}
