/**
 * Endpoints of a Service port as the EndpointSlice controller finds them and kube-proxy sorts
 * them (pkg/proxy/endpointslicecache.go sorts by the "ip:port" string), and the split into
 * cluster-wide and node-local endpoints (pkg/proxy/topology.go CategorizeEndpoints).
 */
import { endpointChain } from "./chain-names";
import type { Pod, Service, ServicePort } from "./model";

export interface Endpoint {
  readonly pod: string;
  readonly node: string;
  readonly ip: string;
  readonly port: number;
  /** "10.244.0.3:8080" (BaseEndpointInfo.String). */
  readonly text: string;
  /** KUBE-SEP-* */
  readonly chain: string;
}

export function selects(service: Service, pod: Pod): boolean {
  if (pod.namespace !== service.namespace) return false;
  const keys = Object.keys(service.selector);
  return keys.length > 0 && keys.every((k) => pod.labels[k] === service.selector[k]);
}

/** A named targetPort resolves per pod; a pod without that named port is no endpoint. */
function targetPortOf(port: ServicePort, pod: Pod): number | undefined {
  if (typeof port.targetPort === "number") return port.targetPort;
  return pod.ports.find((c) => c.name === port.targetPort && c.protocol === port.protocol)?.port;
}

export function endpointsOf(service: Service, port: ServicePort, pods: readonly Pod[]): Endpoint[] {
  const out: Endpoint[] = [];
  for (const pod of pods) {
    if (!pod.ready || !selects(service, pod)) continue;
    const target = targetPortOf(port, pod);
    if (target === undefined) continue;
    const text = `${pod.ip}:${target}`;
    out.push({ pod: pod.name, node: pod.node, ip: pod.ip, port: target, text, chain: endpointChain(port.portName, port.protocol, text) });
  }
  return out.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
}

export interface NodeEndpoints {
  /** Every ready endpoint (Cluster policy). */
  readonly cluster: readonly Endpoint[];
  /** Ready endpoints on this node (Local policy). */
  readonly local: readonly Endpoint[];
  /** The endpoints that get a KUBE-SEP chain on this node, in "ip:port" order. */
  readonly reachable: readonly Endpoint[];
}

/** With externalTrafficPolicy Local, internal traffic still uses Cluster: every endpoint is reachable. */
export function categorize(all: readonly Endpoint[], node: string): NodeEndpoints {
  return { cluster: all, local: all.filter((e) => e.node === node), reachable: all };
}
