/**
 * Checks between fields of a scenario file that has the right shape: names are unique, and
 * every host or probe a field names is declared.
 */
import type { ScenarioFile } from "./schema";

export interface FieldProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export function checkReferences(file: ScenarioFile): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const hosts = new Set<string>();
  file.hosts.forEach((host, index) => {
    if (hosts.has(host.name)) problems.push({ path: ["hosts", index, "name"], message: `"${host.name}" is declared twice` });
    hosts.add(host.name);
  });
  const needHost = (path: (string | number)[], name: string) => {
    if (!hosts.has(name)) problems.push({ path, message: `"${name}" is not a declared host` });
  };
  file.hosts.forEach((host, index) => {
    if (host.node === undefined) return;
    if (host.role !== "pod") problems.push({ path: ["hosts", index, "node"], message: `only pods have a node (this host's role is ${host.role})` });
    else needHost(["hosts", index, "node"], host.node);
  });
  file.setup.forEach((item, index) => {
    for (const host of Object.keys(item)) needHost(["setup", index], host);
  });
  for (const [host, listeners] of Object.entries(file.listen)) {
    needHost(["listen", host], host);
    listeners.forEach((listener, index) => {
      if (listeners.indexOf(listener) !== index) problems.push({ path: ["listen", host, index], message: `"${listener}" is listed twice` });
    });
  }
  const probeIds = new Set<string>();
  file.probes.forEach((probe, index) => {
    if (probeIds.has(probe.id)) problems.push({ path: ["probes", index, "id"], message: `"${probe.id}" is used by an earlier probe` });
    probeIds.add(probe.id);
    needHost(["probes", index, "from"], probe.from);
  });
  for (const [probeId, outcomes] of Object.entries(file.expect ?? {})) {
    if (!probeIds.has(probeId)) problems.push({ path: ["expect", probeId], message: `"${probeId}" is not a probe id` });
    outcomes.forEach((outcome, index) => {
      if (outcome.server !== undefined) needHost(["expect", probeId, index, "server"], outcome.server);
    });
  }
  return problems;
}
