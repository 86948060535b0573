/**
 * Runs one probe of a scenario in the kernel and returns its outcomes with observed frequencies.
 * TCP/UDP probes go through the sender's agent; ICMP probes run ping(8). When a scenario samples
 * (random load balancing), the tries of one probe run concurrently, each on a fresh connection.
 */
import type { Outcome, ProbeSpec } from "../../engine/scenario/types";
import type { AgentClient, AgentOutcome } from "./agent-client";
import { aggregateOutcomes, type Observation } from "./outcome-frequencies";
import { runPingProbe } from "./ping-probe";
import type { Sandbox } from "./sandbox";

/**
 * A connect to a neighbour that never answers ARP fails with EHOSTUNREACH only after about 3 s
 * (3 solicitations, neigh/default/mcast_solicit=3 at retrans_time_ms=1000, see ip-sysctl.rst),
 * so a probe waits 4.5 s before it calls the silence a timeout.
 */
export const PROBE_TIMEOUT_MS = 4500;
const AGENT_ANSWER_MARGIN_MS = 3000;

export async function runProbe(sandbox: Sandbox, agents: ReadonlyMap<string, AgentClient>, probe: ProbeSpec, tries: number): Promise<Outcome[]> {
  if (probe.proto === "icmp") {
    const verdict = await runPingProbe(sandbox, probe);
    return aggregateOutcomes([verdict]);
  }
  const agent = agents.get(probe.from);
  const observations = await Promise.all(Array.from({ length: tries }, () => trySocketProbe(agent, probe)));
  return aggregateOutcomes(observations);
}

async function trySocketProbe(agent: AgentClient | undefined, probe: ProbeSpec): Promise<Observation> {
  if (!agent) return { result: "local-error", detail: `harness: no agent on ${probe.from}` };
  try {
    const answer = await agent.request(
      { op: "probe", proto: probe.proto, to: probe.to, port: probe.port, src: probe.src, timeoutMs: PROBE_TIMEOUT_MS },
      PROBE_TIMEOUT_MS + AGENT_ANSWER_MARGIN_MS,
    );
    if (!answer.outcome) return { result: "local-error", detail: `harness: ${answer.error ?? "agent gave no outcome"}` };
    return observationOf(answer.outcome);
  } catch (error) {
    return { result: "local-error", detail: `harness: ${(error as Error).message}` };
  }
}

/** Keeps exactly the keys SCENARIO.md gives each result. */
function observationOf(outcome: AgentOutcome): Observation {
  const detail = outcome.detail !== undefined ? { detail: outcome.detail } : {};
  const seen = {
    server: outcome.server ?? "",
    seenSrc: outcome.seenSrc ?? "",
    seenDst: outcome.seenDst ?? "",
    seenPort: outcome.seenPort ?? 0,
    ...detail,
  };
  if (outcome.result === "connected") return { result: "connected", ...seen };
  if (outcome.result === "reply") return { result: "reply", ...seen };
  return { result: outcome.result, ...detail };
}
