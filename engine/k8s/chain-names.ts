/**
 * kube-proxy's chain names (pkg/proxy/iptables/proxier.go): portProtoHash is the first 16
 * characters of base32(sha256(servicePortName + protocol)), servicePortName being
 * "namespace/name:port" and protocol lower case ("tcp"). KUBE-SVC-, KUBE-SVL-, KUBE-EXT- and
 * KUBE-FW- share that hash; KUBE-SEP- hashes the endpoint "ip:port" too.
 */
import { base32 } from "./base32";
import { sha256, toHex, utf8 } from "./sha256";

function hash16(text: string): string {
  return base32(sha256(utf8(text))).slice(0, 16);
}

/** "default/web:http"; a port without a name gives "default/web" (ServicePortName.String). */
export function servicePortName(namespace: string, service: string, port: string | undefined): string {
  return port ? `${namespace}/${service}:${port}` : `${namespace}/${service}`;
}

export function portProtoHash(portName: string, protocol: "TCP" | "UDP"): string {
  return hash16(portName + protocol.toLowerCase());
}

export interface ServiceChains {
  /** KUBE-SVC-*: every endpoint, for "Cluster" traffic policy. */
  readonly svc: string;
  /** KUBE-SVL-*: this node's endpoints, for "Local" traffic policy. */
  readonly svl: string;
  /** KUBE-EXT-*: NodePort (external) traffic, which then goes to SVC or SVL. */
  readonly ext: string;
  /** KUBE-FW-*: loadBalancerSourceRanges (not generated: no LoadBalancer Services here). */
  readonly fw: string;
}

export function serviceChains(portName: string, protocol: "TCP" | "UDP"): ServiceChains {
  const h = portProtoHash(portName, protocol);
  return { svc: `KUBE-SVC-${h}`, svl: `KUBE-SVL-${h}`, ext: `KUBE-EXT-${h}`, fw: `KUBE-FW-${h}` };
}

/** KUBE-SEP-* of one endpoint "ip:port" of a service port. */
export function endpointChain(portName: string, protocol: "TCP" | "UDP", endpoint: string): string {
  return `KUBE-SEP-${hash16(portName + protocol.toLowerCase() + endpoint)}`;
}

/**
 * The host end of a pod's veth. The CNI plugins name it "veth" + 8 random hex digits
 * (ip.RandomVethName); PodPath derives the digits from the pod's namespace/name instead.
 */
export function podVethName(namespace: string, pod: string): string {
  return `veth${toHex(sha256(utf8(`${namespace}/${pod}`))).slice(0, 8)}`;
}
