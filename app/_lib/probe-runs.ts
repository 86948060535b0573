/**
 * The last probe run as the terminal sees it: every goal probe run in goal order against one
 * evolving copy of the state, as the judge runs them ([JG1]). What it leaves behind (rule
 * counters, conntrack entries, learned neighbours and FDB entries) is what `iptables -L -v`,
 * `conntrack -L` and `ip neigh` show, and its traces are what `tcpdump` prints. The state the
 * student's commands apply to never includes it, exactly as on the server.
 */
import type { PreparedLevel } from "@/engine/judge/prepare";
import type { NetState } from "@/engine/model/types";
import type { ProbeSpec } from "@/engine/scenario/types";
import { runProbe } from "@/engine/walk/probe";
import type { TraceEvent } from "@/engine/walk/trace";

export interface ObservedRun {
  /** The state after every probe. */
  readonly state: NetState;
  readonly probes: readonly { readonly goalId: string; readonly probe: ProbeSpec; readonly trace: readonly TraceEvent[] }[];
}

export function observeProbes(prepared: PreparedLevel, state: NetState): ObservedRun {
  let current = state;
  let seq = 0;
  const probes: { goalId: string; probe: ProbeSpec; trace: readonly TraceEvent[] }[] = [];
  for (const { goal, probes: specs } of prepared.goalProbes) {
    for (const probe of specs) {
      const run = runProbe(current, probe, seq++);
      current = run.state;
      probes.push({ goalId: goal.id, probe, trace: run.trace });
    }
  }
  return { state: current, probes };
}
