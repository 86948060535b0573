/**
 * The rules kube-proxy (iptables mode, v1.28+) writes for one Service port on one node: the loop
 * body of syncProxyRules in pkg/proxy/iptables/proxier.go, in its order. Supported: ClusterIP and
 * NodePort, internalTrafficPolicy Cluster, externalTrafficPolicy Cluster or Local, no session
 * affinity, no external or load-balancer IPs.
 */
import { categorize, endpointsOf, type Endpoint } from "./endpoints";
import { append, comment, host, portMatch } from "./iptables-text";
import type { Cluster, Service, ServicePort } from "./model";

export const KUBE_SERVICES = "KUBE-SERVICES";
export const KUBE_EXTERNAL_SERVICES = "KUBE-EXTERNAL-SERVICES";
export const KUBE_NODEPORTS = "KUBE-NODEPORTS";
export const KUBE_MARK_MASQ = "KUBE-MARK-MASQ";

/** Lines for the nat and filter tables (KUBE-SERVICES and KUBE-NODEPORTS exist in both); each line names its chain, so order only matters per chain. */
export interface ServicePortRules {
  readonly natChains: string[];
  readonly nat: string[];
  readonly filter: string[];
}

/** kube-proxy's computeProbability: fmt.Sprintf("%0.10f", 1.0/float64(n)). */
export function probability(n: number): string {
  return (1 / n).toFixed(10);
}

/** writeServiceToEndpointRules: the cascade 1/n, 1/(n-1), ..., the last endpoint unconditional. */
function endpointJumps(chain: string, portName: string, endpoints: readonly Endpoint[]): string[] {
  return endpoints.map((ep, i) => {
    const matches = [comment(`${portName} -> ${ep.text}`)];
    if (i < endpoints.length - 1) matches.push(`-m statistic --mode random --probability ${probability(endpoints.length - i)}`);
    return append(chain, { matches, jump: ep.chain });
  });
}

export function servicePortRules(cluster: Cluster, svc: Service, port: ServicePort, node: string): ServicePortRules {
  const out: ServicePortRules = { natChains: [], nat: [], filter: [] };
  const { svc: svcChain, svl: svlChain, ext: extChain } = port.chains;
  const name = port.portName;
  const proto = port.protocol === "TCP" ? "tcp" : "udp";
  const eps = categorize(endpointsOf(svc, port, cluster.pods), node);
  const hasEndpoints = eps.cluster.length > 0;
  const hasExternalEndpoints = hasEndpoints && (!svc.externalLocal || eps.local.length > 0);
  const externalPolicyChain = svc.externalLocal ? svlChain : svcChain;
  const usesExternalChain = hasEndpoints && port.nodePort !== 0;
  const externalFilter = !hasEndpoints ? { jump: "REJECT --reject-with icmp-port-unreachable", text: `${name} has no endpoints` } : { jump: "DROP", text: `${name} has no local endpoints` };
  const vip = { dst: { cidr: host(svc.clusterIP) }, proto } as const;

  if (hasEndpoints) out.nat.push(append(KUBE_SERVICES, { ...vip, matches: [comment(`${name} cluster IP`), portMatch(proto, port.port)], jump: svcChain }));
  else out.filter.push(append(KUBE_SERVICES, { ...vip, matches: [comment(`${name} has no endpoints`), portMatch(proto, port.port)], jump: "REJECT --reject-with icmp-port-unreachable" }));

  if (port.nodePort !== 0) {
    if (hasEndpoints) out.nat.push(append(KUBE_NODEPORTS, { proto, matches: [comment(name), portMatch(proto, port.nodePort)], jump: extChain }));
    if (!hasExternalEndpoints) out.filter.push(append(KUBE_EXTERNAL_SERVICES, { proto, matches: [comment(externalFilter.text), "-m addrtype --dst-type LOCAL", portMatch(proto, port.nodePort)], jump: externalFilter.jump }));
  }
  if (svc.healthCheckNodePort !== 0) {
    out.filter.push(append(KUBE_NODEPORTS, { proto: "tcp", matches: [comment(`${name} health check node port`), portMatch("tcp", svc.healthCheckNodePort)], jump: "ACCEPT" }));
  }

  if (hasEndpoints) {
    const src = cluster.masqueradeAll ? {} : { src: { cidr: cluster.clusterCIDR.text, negate: true } };
    out.nat.push(append(svcChain, { ...src, ...vip, matches: [comment(`${name} cluster IP`), portMatch(proto, port.port)], jump: KUBE_MARK_MASQ }));
  }
  if (usesExternalChain) {
    out.natChains.push(extChain);
    if (!svc.externalLocal) {
      out.nat.push(append(extChain, { matches: [comment(`masquerade traffic for ${name} external destinations`)], jump: KUBE_MARK_MASQ }));
    } else {
      out.nat.push(
        append(extChain, { src: { cidr: cluster.clusterCIDR.text }, matches: [comment(`pod traffic for ${name} external destinations`)], jump: svcChain }),
        append(extChain, { matches: [comment(`masquerade LOCAL traffic for ${name} external destinations`), "-m addrtype --src-type LOCAL"], jump: KUBE_MARK_MASQ }),
        append(extChain, { matches: [comment(`route LOCAL traffic for ${name} external destinations`), "-m addrtype --src-type LOCAL"], jump: svcChain }),
      );
    }
    if (hasExternalEndpoints) out.nat.push(append(extChain, { jump: externalPolicyChain }));
  }
  if (hasEndpoints) {
    out.natChains.push(svcChain);
    out.nat.push(...endpointJumps(svcChain, name, eps.cluster));
  }
  if (svc.externalLocal && eps.local.length > 0) {
    out.natChains.push(svlChain);
    out.nat.push(...endpointJumps(svlChain, name, eps.local));
  }
  for (const ep of eps.reachable) {
    out.natChains.push(ep.chain);
    out.nat.push(
      append(ep.chain, { src: { cidr: host(ep.ip) }, matches: [comment(name)], jump: KUBE_MARK_MASQ }),
      append(ep.chain, { proto, matches: [comment(name), portMatch(proto)], jump: `DNAT --to-destination ${ep.text}` }),
    );
  }
  return out;
}

