/**
 * Starts the agents a scenario needs (hosts that listen or send TCP/UDP probes) and opens the
 * scenario's listeners once setup has run, so a listener sees the addresses setup assigned.
 */
import type { Scenario } from "../../engine/scenario/types";
import { AgentClient } from "./agent-client";
import { runCommand } from "./run-command";
import type { Sandbox } from "./sandbox";

const LISTEN_TIMEOUT_MS = 5000;

export function hostsNeedingAgents(scenario: Scenario): string[] {
  const hosts = new Set<string>();
  for (const [host, listeners] of Object.entries(scenario.listen)) if (listeners.length > 0) hosts.add(host);
  for (const probe of scenario.probes) if (probe.proto !== "icmp") hosts.add(probe.from);
  return scenario.hosts.map((host) => host.name).filter((name) => hosts.has(name));
}

export function startAgents(sandbox: Sandbox, hosts: readonly string[]): Map<string, AgentClient> {
  return new Map(hosts.map((host) => [host, new AgentClient(sandbox, host)]));
}

/** Throws if an agent did not start or a listener could not bind: the run cannot mean anything then. */
export async function openListeners(sandbox: Sandbox, scenario: Scenario, agents: ReadonlyMap<string, AgentClient>): Promise<void> {
  await Promise.all([...agents.values()].map((agent) => agent.ready));
  await Promise.all(
    Object.entries(scenario.listen).map(async ([host, listeners]) => {
      const agent = agents.get(host);
      if (!agent || listeners.length === 0) return;
      const addresses = listeners.some((listener) => listener.proto === "udp") ? await localAddresses(sandbox, host) : [];
      for (const listener of listeners) {
        const answer = await agent.request({ op: "listen", proto: listener.proto, port: listener.port, addresses }, LISTEN_TIMEOUT_MS);
        if (!answer.ok) throw new Error(`kernel harness: ${host} cannot listen on ${listener.proto}/${listener.port}: ${answer.error ?? "no answer"}`);
      }
    }),
  );
}

/** The host's IPv4 addresses, from `ip -j -4 addr show` (ip-address(8), JSON output). */
async function localAddresses(sandbox: Sandbox, host: string): Promise<string[]> {
  const output = await runCommand(sandbox.processes, [sandbox.tools.ip, "netns", "exec", sandbox.namespaceOf(host), sandbox.tools.ip, "-j", "-4", "addr", "show"], {
    timeoutMs: LISTEN_TIMEOUT_MS,
  });
  try {
    const links = JSON.parse(output.stdout) as { addr_info?: { family?: string; local?: string }[] }[];
    return links.flatMap((link) => (link.addr_info ?? []).filter((info) => info.family === "inet" && info.local).map((info) => info.local!));
  } catch {
    return [];
  }
}
