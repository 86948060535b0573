/**
 * The reference-like cluster as a kernel-checkable scenario, and a writer for the YAML style of
 * tests/oracle. Used by hand to (re)make tests/oracle/k8s-cluster-{hostgw,vxlan}.yaml:
 *
 *   npx tsx tests/engine/k8s/oracle-cluster.ts hostgw > /tmp/k8s-hostgw.yaml
 *   npx podpath scenario run /tmp/k8s-hostgw.yaml --kernel --json
 *
 * then copy the kernel's outcomes into the file's expect block after checking them against what
 * Kubernetes promises.
 */
import { clusterScenario, type ExpectedOutcome, type ProbeSpec, type Scenario } from "../../../engine/index";
import { built } from "./apply-build";
import { referenceCluster } from "./fixtures";

export const ORACLE_PROBES: readonly ProbeSpec[] = [
  { id: "pod-to-pod-other-node", from: "n1a", to: "10.244.1.2", proto: "tcp", port: 8080 },
  { id: "pod-to-clusterip", from: "n1a", to: "10.96.0.10", proto: "tcp", port: 80 },
  { id: "pod-to-clusterip-remote-endpoint", from: "n2a", to: "10.96.0.11", proto: "tcp", port: 80 },
  { id: "pod-to-own-service-hairpin", from: "n1b", to: "10.96.0.11", proto: "tcp", port: 80 },
  { id: "external-to-nodeport-n1", from: "client", to: "192.168.50.1", proto: "tcp", port: 30080 },
  { id: "external-to-nodeport-n2", from: "client", to: "192.168.50.2", proto: "tcp", port: 30080 },
  { id: "node-to-clusterip", from: "n2", to: "10.96.0.10", proto: "tcp", port: 80 },
  { id: "pod-to-external-egress", from: "n2a", to: "192.168.50.100", proto: "tcp", port: 80 },
  { id: "pod-ping-clusterip", from: "n1a", to: "10.96.0.10", proto: "icmp" },
];

type Backend = "hostgw" | "vxlan";

const connected = (server: string, seenSrc: string, seenDst: string, p?: number): ExpectedOutcome => ({ result: "connected", server, seenSrc, seenDst, seenPort: 8080, ...(p !== undefined ? { p } : {}) });

/**
 * What Kubernetes promises, as the kernel showed it. A masqueraded packet takes the address of
 * the device it leaves by: cni0 (10.244.N.1) toward a local pod, eth0 (192.168.50.N) with
 * host-gw, flannel.1 (10.244.N.0) with vxlan.
 */
export function oracleExpect(backend: Backend): Record<string, ExpectedOutcome[]> {
  const toN2 = backend === "hostgw" ? "192.168.50.1" : "10.244.0.0";
  const toN1 = backend === "hostgw" ? "192.168.50.2" : "10.244.1.0";
  return {
    "pod-to-pod-other-node": [connected("n2a", "10.244.0.2", "10.244.1.2")],
    "pod-to-clusterip": [connected("n1b", "10.244.0.2", "10.244.0.3", 0.5), connected("n2b", "10.244.0.2", "10.244.1.3", 0.5)],
    "pod-to-clusterip-remote-endpoint": [connected("n1b", "10.244.1.2", "10.244.0.3")],
    "pod-to-own-service-hairpin": [connected("n1b", "10.244.0.1", "10.244.0.3")],
    "external-to-nodeport-n1": [connected("n1b", "10.244.0.1", "10.244.0.3", 0.5), connected("n2b", toN2, "10.244.1.3", 0.5)],
    "external-to-nodeport-n2": [connected("n1b", toN1, "10.244.0.3", 0.5), connected("n2b", "10.244.1.1", "10.244.1.3", 0.5)],
    "node-to-clusterip": [connected("n1b", toN1, "10.244.0.3", 0.5), connected("n2b", "10.244.1.1", "10.244.1.3", 0.5)],
    "pod-to-external-egress": [{ result: "connected", server: "client", seenSrc: "192.168.50.2", seenDst: "192.168.50.100", seenPort: 80 }],
    "pod-ping-clusterip": [{ result: "timeout" }],
  };
}

export const ORACLE_COMMENTS: Readonly<Record<string, string>> = {
  "pod-to-pod-other-node": "pod to pod across nodes: no NAT, each side sees the other's pod IP",
  "pod-to-clusterip": "kube-proxy DNATs to either endpoint (random, p 0.5); a pod source is not masqueraded",
  "pod-to-own-service-hairpin": "the endpoint is the client itself: KUBE-SEP marks it, KUBE-POSTROUTING masquerades it\nto cni0's address, and the bridge sends the frame back out the port it came in (hairpin on)",
  "external-to-nodeport-n1": "externalTrafficPolicy Cluster: KUBE-EXT marks for masquerade, so the pod sees the node, not the client",
  "node-to-clusterip": "the node's own connection leaves by its default route, then nat OUTPUT DNATs it and it is masqueraded",
  "pod-to-external-egress": "FLANNEL-POSTRTG masquerades pod traffic leaving the cluster CIDR to the node's address",
  "pod-ping-clusterip": "a ClusterIP is no address anywhere: only TCP/UDP to its ports is DNATed; the ping goes to the\ndefault gateway, which does not forward it",
};

const DESCRIPTION: Record<Backend, string> = {
  hostgw: "A two-node cluster built by the controllers' own command lines (CNI bridge plugin with hairpin, flannel host-gw routes and masquerade rules, kube-proxy iptables mode): Service web (NodePort 30080, endpoints on both nodes) and Service solo (one endpoint), with a client on the underlay. Pods reach pods without NAT, ClusterIPs balance over both endpoints, a pod reaches its own Service through hairpin NAT, and NodePorts answer external clients on every node.",
  vxlan: "The same two-node cluster over flannel's VXLAN backend (flannel.1, VNI 1, UDP 8472, permanent neighbour and FDB entries, onlink routes, mtu 1450 for cni0 and the pods). Traffic masqueraded toward the other node's pods leaves by flannel.1 and takes its address (10.244.N.0).",
};

export function oracleScenario(backend: Backend, expect?: Record<string, ExpectedOutcome[]>): Scenario {
  const build = built(referenceCluster(backend === "hostgw" ? "host-gw" : "vxlan", { underlay: { kind: "switch", host: "ul", prefixLen: 24, gateway: "192.168.50.254" } }));
  const scenario = clusterScenario(build, {
    name: `k8s-cluster-${backend}`,
    description: DESCRIPTION[backend],
    probes: ORACLE_PROBES,
    ...(expect ? { expect } : {}),
  });
  return { ...scenario, listen: { ...scenario.listen, client: [{ proto: "tcp", port: 80 }] } };
}

/** A plain YAML scalar when safe, else a JSON-quoted one (JSON strings are YAML). */
function scalar(text: string): string {
  return /^[A-Za-z0-9./][^:#]*$/.test(text) && !/: | #|^(true|false|null|yes|no|on|off)$/i.test(text) ? text : JSON.stringify(text);
}

function flow(obj: Readonly<Record<string, string | number | boolean | undefined>>): string {
  return `{ ${Object.entries(obj).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${typeof v === "string" ? scalar(v) : String(v)}`).join(", ")} }`;
}

export function scenarioYaml(s: Scenario, comments: Readonly<Record<string, string>> = {}): string {
  const out = [`name: ${s.name}`];
  if (s.description) out.push(`description: ${scalar(s.description)}`);
  out.push("hosts:", ...s.hosts.map((h) => `  - ${flow({ name: h.name, role: h.role, node: h.node })}`));
  out.push("setup:");
  for (const item of s.setup) {
    if (!item.line.includes("\n")) out.push(`  - ${item.host}: ${scalar(item.line)}`);
    else out.push(`  - ${item.host}: |`, ...item.line.replace(/\n$/, "").split("\n").map((l) => `      ${l}`));
  }
  out.push("listen:", ...Object.entries(s.listen).map(([h, ls]) => `  ${h}: [${ls.map((l) => `${l.proto}/${l.port}`).join(", ")}]`));
  out.push("probes:", ...s.probes.map((p) => `  - ${flow({ id: p.id, from: p.from, to: p.to, proto: p.proto, port: p.port })}`));
  if (s.expect) {
    out.push("expect:");
    for (const [id, outcomes] of Object.entries(s.expect)) {
      if (comments[id]) out.push(...comments[id]!.split("\n").map((c) => `  # ${c}`));
      out.push(`  ${id}:`, ...outcomes.map((o) => `    - ${flow(o)}`));
    }
  }
  return `${out.join("\n")}\n`;
}

/** The whole text of tests/oracle/k8s-cluster-BACKEND.yaml. */
export function oracleFileText(backend: Backend): string {
  const header = `# Made by tests/engine/k8s/oracle-cluster.ts (${backend}) from engine/k8s; expect: the kernel's outcomes.\n`;
  return header + scenarioYaml(oracleScenario(backend, oracleExpect(backend)), ORACLE_COMMENTS);
}

if (process.argv[1]?.endsWith("oracle-cluster.ts")) process.stdout.write(oracleFileText(process.argv[2] === "vxlan" ? "vxlan" : "hostgw"));
