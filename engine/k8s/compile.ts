/**
 * compileCluster: a cluster description in, the hosts, setup lines and listeners of a scenario
 * out, in the order a cluster comes up: underlay, CNI (node sysctls, cni0, pods), flannel,
 * kube-proxy. A level takes `setup` (or some `stages`) and appends the line that breaks
 * something; `cluster` gives it the names to aim at (pod veths, chain names, switch ports).
 */
import type { HostSpec, Listener, ProbeSpec, Scenario, SetupItem, ExpectedOutcome } from "../scenario/types";
import { cniBridge } from "./cni-bridge";
import { flannel } from "./flannel";
import { kubeProxy } from "./kube-proxy";
import type { Cluster } from "./model";
import type { ClusterDesc } from "./types";
import { switchPorts, underlay } from "./underlay";
import { checkCluster } from "./validate";

export interface ClusterStages {
  readonly underlay: readonly SetupItem[];
  readonly cni: readonly SetupItem[];
  readonly flannel: readonly SetupItem[];
  readonly kubeProxy: readonly SetupItem[];
}

export interface ClusterBuild {
  readonly hosts: readonly HostSpec[];
  /** Every stage's items, in stage order. */
  readonly setup: readonly SetupItem[];
  readonly stages: ClusterStages;
  /** Each pod listens on its container ports. */
  readonly listen: Readonly<Record<string, readonly Listener[]>>;
  /** The checked cluster, with the derived names (pod veths, Service chains, VTEP MACs). */
  readonly cluster: Cluster;
  /** Host → the switch port its eth0 hangs on (switch underlay only). */
  readonly switchPorts: Readonly<Record<string, string>>;
}

export type ClusterCompile = { readonly ok: true; readonly build: ClusterBuild } | { readonly ok: false; readonly errors: string[] };

export function compileCluster(desc: ClusterDesc): ClusterCompile {
  const checked = checkCluster(desc);
  if (!checked.ok) return checked;
  const cluster = checked.cluster;
  const hosts: HostSpec[] = [];
  if (cluster.wiring.kind === "switch") hosts.push({ name: cluster.wiring.host, role: "router" });
  for (const node of cluster.nodes) {
    hosts.push({ name: node.name, role: "node" });
    for (const pod of cluster.pods.filter((p) => p.node === node.name)) hosts.push({ name: pod.name, role: "pod", node: node.name });
  }
  for (const e of cluster.externals) hosts.push({ name: e.name, role: "external" });
  const stages: ClusterStages = { underlay: underlay(cluster), cni: cniBridge(cluster), flannel: flannel(cluster), kubeProxy: kubeProxy(cluster) };
  const listen: Record<string, Listener[]> = {};
  for (const pod of cluster.pods) {
    if (pod.ports.length > 0) listen[pod.name] = pod.ports.map((c) => ({ proto: c.protocol === "TCP" ? "tcp" : "udp", port: c.port }));
  }
  const setup = [...stages.underlay, ...stages.cni, ...stages.flannel, ...stages.kubeProxy];
  return { ok: true, build: { hosts, setup, stages, listen, cluster, switchPorts: switchPorts(cluster) } };
}

export interface ScenarioParts {
  readonly name: string;
  readonly description?: string;
  /** Lines run after the cluster is up: what a level breaks. */
  readonly extraSetup?: readonly SetupItem[];
  readonly probes: readonly ProbeSpec[];
  readonly expect?: Readonly<Record<string, readonly ExpectedOutcome[]>>;
}

/** A runnable scenario: the built cluster, then `extraSetup`, then the probes. */
export function clusterScenario(build: ClusterBuild, parts: ScenarioParts): Scenario {
  return {
    name: parts.name,
    ...(parts.description !== undefined ? { description: parts.description } : {}),
    hosts: build.hosts,
    setup: [...build.setup, ...(parts.extraSetup ?? [])],
    listen: build.listen,
    probes: parts.probes,
    ...(parts.expect !== undefined ? { expect: parts.expect } : {}),
  };
}
