/**
 * From a level and its compiled base to what playing it needs: the hosts and setup lines of its start state, the
 * state a student starts from, and the probes behind every goal (invariants expanded over
 * the level's pods). Built once per level and seed; the judge then only runs probes.
 */
import { formatIPv4 } from "../addr/ipv4";
import { apply } from "../exec/apply";
import { hostByName, linkByName } from "../model/state";
import type { NetState } from "../model/types";
import { applySetup, buildScenarioState, withListeners } from "../scenario/run";
import type { HostSpec, Listener, ProbeSpec, RefusedLine, Scenario, SetupItem } from "../scenario/types";
import type { Goal, Level } from "./types";

/** [JG4] The invariant probes connect to this port; the judge listens on it in every pod. */
export const INVARIANT_PORT = 7;

export interface GoalProbes {
  readonly goal: Goal;
  readonly probes: readonly ProbeSpec[];
}

export interface PreparedLevel {
  readonly level: Level;
  readonly hosts: readonly HostSpec[];
  /** The working cluster (or the scenario's setup) before the break. */
  readonly baseSetup: readonly SetupItem[];
  readonly listen: Readonly<Record<string, readonly Listener[]>>;
  /** The state a student starts from: base, then break, then listeners. */
  readonly start: NetState;
  /** Base or break lines the stack refused: a level bug that `level check` reports. */
  readonly refused: readonly RefusedLine[];
  /** Each pod's address on eth0 before the break. */
  readonly podIPs: Readonly<Record<string, string>>;
  readonly goalProbes: readonly GoalProbes[];
  /** For each `keep` output goal: what its show command printed at the start. */
  readonly keptOutputs: Readonly<Record<string, string>>;
}

/** The hosts, setup lines and listeners a level's start state is built from (before the break). */
export interface LevelBase {
  readonly hosts: readonly HostSpec[];
  readonly setup: readonly SetupItem[];
  readonly listen: Readonly<Record<string, readonly Listener[]>>;
}

/**
 * A level prepared from its base, already compiled (the browser gets the base from the server,
 * so it never needs the Kubernetes controllers). `prepareLevel` in prepare.ts compiles it.
 */
export function prepareFromBase(level: Level, base: LevelBase): PreparedLevel {
  const { hosts, setup } = base;
  const listen = withInvariantListeners(level, hosts, base.listen);
  // The base once: the pods' addresses are read from it, and the break is applied on top of it.
  const before = buildScenarioState({ name: level.id, hosts, setup, listen: {}, probes: [] });
  const podIPs = podAddresses(before.state, hosts);
  const refused = [...before.refused];
  const started = { state: withListeners(applySetup(before.state, level.break, refused), listen), refused };
  const goalProbes = level.goals.map((goal) => ({ goal, probes: probesOf(goal, hosts, podIPs) }));
  const keptOutputs: Record<string, string> = {};
  for (const goal of level.goals) if (goal.kind === "keep" && goal.what === "output") keptOutputs[goal.id] = showOutput(started.state, goal.host, goal.show);
  return { level, hosts, baseSetup: setup, listen, start: started.state, refused: started.refused, podIPs, goalProbes, keptOutputs };
}

/** What a read-only command prints on a host (or its error, so a change to an error shows too). */
export function showOutput(state: NetState, host: string, line: string): string {
  const r = apply(state, host, line);
  return r.ok ? r.output : `error: ${r.error}`;
}

function withInvariantListeners(level: Level, hosts: readonly HostSpec[], listen: Readonly<Record<string, readonly Listener[]>>): Record<string, readonly Listener[]> {
  const out: Record<string, readonly Listener[]> = { ...listen };
  if (!level.goals.some((g) => g.kind === "invariant" && g.invariant === "pod-to-pod-no-nat")) return out;
  for (const host of hosts) {
    if (host.role !== "pod") continue;
    const own = out[host.name] ?? [];
    if (!own.some((l) => l.proto === "tcp" && l.port === INVARIANT_PORT)) out[host.name] = [...own, { proto: "tcp", port: INVARIANT_PORT }];
  }
  return out;
}

function podAddresses(state: NetState, hosts: readonly HostSpec[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of hosts) {
    const ip = spec.role === "pod" ? podAddress(state, spec.name) : undefined;
    if (ip !== undefined) out[spec.name] = ip;
  }
  return out;
}

/** A pod's address: the first global address on its eth0. */
export function podAddress(state: NetState, pod: string): string | undefined {
  const host = hostByName(state, pod);
  const eth0 = host && linkByName(host, "eth0");
  const addr = eth0 && host.addrs.find((a) => a.ifindex === eth0.ifindex && a.scope === "global");
  return addr ? formatIPv4(addr.address) : undefined;
}

/** [JG4] Invariants become one probe per pair; a keep goal has none (it compares state). */
function probesOf(goal: Goal, hosts: readonly HostSpec[], podIPs: Readonly<Record<string, string>>): ProbeSpec[] {
  switch (goal.kind) {
    case "reach":
    case "blocked":
    case "balanced":
      return [{ id: goal.id, ...goal.probe }];
    case "keep":
      return [];
    case "invariant": {
      const pods = Object.keys(podIPs);
      if (goal.invariant === "pod-to-pod-no-nat") {
        return pods.flatMap((from) =>
          pods.filter((to) => to !== from).map((to) => ({ id: `${goal.id}.${from}.${to}`, from, to: podIPs[to]!, proto: "tcp" as const, port: INVARIANT_PORT })),
        );
      }
      const nodes = hosts.filter((h) => h.role === "node").map((h) => h.name);
      return nodes.flatMap((from) => pods.map((to) => ({ id: `${goal.id}.${from}.${to}`, from, to: podIPs[to]!, proto: "icmp" as const })));
    }
  }
}

/** Every goal probe in goal order: what the judge runs and the kernel check replays. */
export function allGoalProbes(prepared: PreparedLevel): ProbeSpec[] {
  return prepared.goalProbes.flatMap((g) => g.probes);
}

/**
 * The level as a scenario the kernel harness can run: the start state ("start") or the start
 * state plus the reference solution ("solved"), with every goal probe.
 */
export function levelScenario(prepared: PreparedLevel, stage: "start" | "solved"): Scenario {
  const { level } = prepared;
  const setup = [...prepared.baseSetup, ...level.break, ...(stage === "solved" ? level.solution : [])];
  return { name: `${level.id}-${stage}`, hosts: prepared.hosts, setup, listen: prepared.listen, probes: allGoalProbes(prepared) };
}
