/**
 * The judge: a prepared level and a state in, a verdict out. Pure and deterministic. It runs
 * every goal's probes in goal order against one evolving copy of the state ([JG1], the way the
 * kernel check replays them), never changing the state it was given, and grades outcomes only:
 * any commands that make the packets do what the goals say pass ([JG2]).
 */
import type { NetState } from "../model/types";
import type { Outcome, ProbeSpec } from "../scenario/types";
import { runProbe, type ProbeBranch, type ProbeRun } from "../walk/probe";
import { explainProbe } from "./explain";
import { podAddress, showOutput, type PreparedLevel } from "./prepare";
import type { Goal } from "./types";
import type { GoalVerdict, ProbeVerdict, Verdict } from "./verdict";

export function judge(prepared: PreparedLevel, state: NetState): Verdict {
  let current = state;
  let seq = 0;
  const goals: GoalVerdict[] = [];
  for (const { goal, probes } of prepared.goalProbes) {
    const runs: { probe: ProbeSpec; run: ProbeRun }[] = [];
    for (const probe of probes) {
      const run = runProbe(current, probe, seq++);
      current = run.state;
      runs.push({ probe, run });
    }
    goals.push(goal.kind === "keep" ? judgeKeep(goal, prepared, state) : judgeProbes(goal, runs, state));
  }
  const passed = goals.filter((g) => g.pass).length;
  return { solved: passed === goals.length, passed, total: goals.length, goals };
}

type ProbeGoal = Exclude<Goal, { kind: "keep" }>;

/** [JG3] Why one outcome breaks the goal, or undefined when it is fine. */
function outcomeProblem(goal: ProbeGoal, probe: ProbeSpec, o: Outcome): string | undefined {
  const connects = o.result === "connected" || o.result === "reply";
  switch (goal.kind) {
    case "reach":
    case "balanced":
      if (!connects) return `expected ${probeText(probe)} to ${probe.proto === "icmp" ? "get a reply" : "connect"}, but it ended ${outcomeText(o)}`;
      if (goal.kind === "reach" && goal.servers && "server" in o && !goal.servers.includes(o.server)) return `${probeText(probe)} reached ${o.server}, not ${goal.servers.join(" or ")}`;
      if (goal.kind === "balanced" && "server" in o && !goal.servers.includes(o.server)) return `${probeText(probe)} reached ${o.server}, which is not one of ${goal.servers.join(", ")}`;
      if (goal.kind === "reach" && goal.seenSrc !== undefined && "seenSrc" in o && o.seenSrc !== goal.seenSrc) return `${o.server} saw the connection come from ${o.seenSrc}, not ${goal.seenSrc}`;
      return undefined;
    case "blocked":
      if (connects) return `expected ${probeText(probe)} to be blocked, but it ${o.result === "connected" ? `connected to ${"server" in o ? o.server : probe.to}` : "got a reply"}`;
      if (goal.result !== undefined && o.result !== goal.result) return `expected ${probeText(probe)} to end ${goal.result}, but it ended ${outcomeText(o)}`;
      return undefined;
    case "invariant":
      return connects ? undefined : `${probeText(probe)} ended ${outcomeText(o)}, but every ${goal.invariant === "pod-to-pod-no-nat" ? "pod" : "node"} must reach every pod`;
  }
}

function judgeProbes(goal: ProbeGoal, runs: readonly { probe: ProbeSpec; run: ProbeRun }[], state: NetState): GoalVerdict {
  const probes: ProbeVerdict[] = [];
  let explanation: string | undefined;
  for (const { probe, run } of runs) {
    let shown: ProbeBranch = run.branches[0]!;
    let problem: string | undefined;
    for (const branch of run.branches) {
      problem = outcomeProblem(goal, probe, branch.outcome) ?? noNatProblem(goal, probe, branch.outcome, state);
      if (problem) {
        shown = branch;
        break;
      }
    }
    problem ??= balanceProblem(goal, probe, run.outcomes);
    probes.push({ probe, outcomes: run.outcomes, shown });
    if (problem && explanation === undefined) explanation = `${problem}. ${explainProbe(probe, shown, state)}`;
  }
  return { id: goal.id, kind: goal.kind, text: goal.text, pass: explanation === undefined, probes, ...(explanation !== undefined ? { explanation } : {}) };
}

/** [JG5] Without NAT: the server sees the client pod's own address. */
function noNatProblem(goal: ProbeGoal, probe: ProbeSpec, o: Outcome, state: NetState): string | undefined {
  if (goal.kind !== "invariant" || goal.invariant !== "pod-to-pod-no-nat" || !("seenSrc" in o)) return undefined;
  const own = podAddress(state, probe.from);
  if (own === undefined || o.seenSrc === own) return undefined;
  return `${o.server} saw ${probe.from}'s connection come from ${o.seenSrc}, not from ${own}: pod-to-pod traffic must not be NATed`;
}

/** [JG3] balanced: each listed server's total probability reaches minP. */
function balanceProblem(goal: ProbeGoal, probe: ProbeSpec, outcomes: readonly Outcome[]): string | undefined {
  if (goal.kind !== "balanced") return undefined;
  const share = (server: string) => outcomes.reduce((sum, o) => sum + ("server" in o && o.server === server ? o.p : 0), 0);
  const starved = goal.servers.filter((s) => share(s) + 1e-9 < goal.minP);
  if (starved.length === 0) return undefined;
  return `${probeText(probe)} reaches ${starved.map((s) => `${s} with p=${round(share(s))}`).join(", ")}; each endpoint needs at least ${goal.minP}`;
}

/** [JG6] keep: the pods' addresses, or a show command's output, are what they were at the start. */
function judgeKeep(goal: Extract<Goal, { kind: "keep" }>, prepared: PreparedLevel, state: NetState): GoalVerdict {
  let explanation: string | undefined;
  if (goal.what === "pod-ips") {
    for (const [pod, ip] of Object.entries(prepared.podIPs)) {
      const now = podAddress(state, pod);
      if (now !== ip) {
        explanation = `${pod} must keep ${ip} on eth0, but now has ${now ?? "no address"}: pod IPs belong to the cluster's IPAM, not to you`;
        break;
      }
    }
  } else {
    if (prepared.keptOutputs[goal.id] !== showOutput(state, goal.host, goal.show)) explanation = `\`${goal.show}\` on ${goal.host} must print what it printed at the start; it changed`;
  }
  return { id: goal.id, kind: goal.kind, text: goal.text, pass: explanation === undefined, probes: [], ...(explanation !== undefined ? { explanation } : {}) };
}


export function probeText(probe: ProbeSpec): string {
  const dst = probe.proto === "icmp" ? `ping ${probe.to}` : `${probe.proto.toUpperCase()} ${probe.to}:${probe.port}`;
  return `${dst} from ${probe.from}`;
}

function outcomeText(o: Outcome): string {
  return o.result === "local-error" ? "in a local error" : o.result === "timeout" ? "in a timeout" : o.result;
}

function round(p: number): string {
  return String(Math.round(p * 1000) / 1000);
}
