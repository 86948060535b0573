/**
 * The cluster of /work/shared/reference as a ClusterDesc: switch "ul" (192.168.50.0/24), nodes
 * n1 .1 (10.244.0.0/24) and n2 .2 (10.244.1.0/24), a client at .100, pods n1a/n1b/n2a/n2b,
 * Service web (NodePort 30080, endpoints n1b and n2b) and Service solo (endpoint n1b).
 */
import type { ClusterDesc, PodDesc, ServiceDesc } from "../../../engine/index";

export const WEB: ServiceDesc = {
  name: "web",
  type: "NodePort",
  clusterIP: "10.96.0.10",
  ports: [{ name: "http", protocol: "TCP", port: 80, targetPort: 8080, nodePort: 30080 }],
  selector: { app: "web" },
};

export const SOLO: ServiceDesc = {
  name: "solo",
  type: "ClusterIP",
  clusterIP: "10.96.0.11",
  ports: [{ name: "http", port: 80, targetPort: 8080 }],
  selector: { solo: "yes" },
};

const pod = (name: string, node: string, ip: string, labels: Record<string, string>): PodDesc => ({
  name, node, ip, labels, ports: [{ containerPort: 8080, name: "http" }],
});

export const REFERENCE_PODS: readonly PodDesc[] = [
  pod("n1a", "n1", "10.244.0.2", { app: "client" }),
  pod("n1b", "n1", "10.244.0.3", { app: "web", solo: "yes" }),
  pod("n2a", "n2", "10.244.1.2", { app: "client" }),
  pod("n2b", "n2", "10.244.1.3", { app: "web" }),
];

export function referenceCluster(backend: "host-gw" | "vxlan", patch: Partial<ClusterDesc> = {}): ClusterDesc {
  return {
    clusterCIDR: "10.244.0.0/16",
    serviceCIDR: "10.96.0.0/12",
    backend,
    underlay: { kind: "switch", host: "ul", prefixLen: 24 },
    nodes: [
      { name: "n1", nodeIP: "192.168.50.1", podCIDR: "10.244.0.0/24" },
      { name: "n2", nodeIP: "192.168.50.2", podCIDR: "10.244.1.0/24" },
    ],
    externals: [{ name: "client", ip: "192.168.50.100" }],
    pods: REFERENCE_PODS,
    services: [WEB, SOLO],
    ...patch,
  };
}
