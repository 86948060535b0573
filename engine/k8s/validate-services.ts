/** The Service half of checkCluster: the API server's own checks that matter to kube-proxy. */
import { parseIPv4 } from "../addr/ipv4";
import { cidrContains } from "./cidr";
import { serviceChains, servicePortName } from "./chain-names";
import type { Cidr, Service, ServicePort } from "./model";
import type { ServiceDesc } from "./types";

const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

export function checkServices(descs: readonly ServiceDesc[], serviceCIDR: Cidr | undefined, errors: string[]): Service[] {
  const clusterIPs = new Map<string, string>();
  const nodePorts = new Map<number, string>();
  const names = new Set<string>();
  return descs.map((s, i) => {
    const where = `services[${i}]`;
    const namespace = s.namespace ?? "default";
    const id = `${namespace}/${s.name}`;
    if (!/^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/.test(s.name)) errors.push(`${where}.name: "${s.name}" is not a DNS label`);
    if (names.has(id)) errors.push(`${where}: Service ${id} is defined twice`);
    names.add(id);
    const ip = parseIPv4(s.clusterIP);
    if (ip === undefined) errors.push(`${where}.clusterIP: "${s.clusterIP}" is not a dotted quad`);
    else if (serviceCIDR && !cidrContains(serviceCIDR, ip)) errors.push(`${where}.clusterIP: "${s.clusterIP}" is not in serviceCIDR ${serviceCIDR.text}`);
    if (clusterIPs.has(s.clusterIP)) errors.push(`${where}.clusterIP: "${s.clusterIP}" is already ${clusterIPs.get(s.clusterIP)}'s`);
    clusterIPs.set(s.clusterIP, id);
    const policy = s.externalTrafficPolicy ?? "Cluster";
    if (policy === "Local" && s.type !== "NodePort") errors.push(`${where}.externalTrafficPolicy: Local needs type NodePort`);
    const hc = s.healthCheckNodePort ?? 0;
    if (hc !== 0 && policy !== "Local") errors.push(`${where}.healthCheckNodePort: only for externalTrafficPolicy Local`);
    if (hc !== 0 && (!Number.isInteger(hc) || hc < NODE_PORT_MIN || hc > NODE_PORT_MAX || nodePorts.has(hc))) errors.push(`${where}.healthCheckNodePort: ${hc} is not a free port in ${NODE_PORT_MIN}-${NODE_PORT_MAX}`);
    if (hc !== 0) nodePorts.set(hc, id);
    if (s.sessionAffinity !== undefined && s.sessionAffinity !== "None") errors.push(`${where}.sessionAffinity: only None is supported`);
    if (s.ports.length === 0) errors.push(`${where}.ports: a Service needs at least one port`);
    const portNames = new Set<string>();
    const ports = s.ports.map((p, j): ServicePort => {
      const pw = `${where}.ports[${j}]`;
      if (s.ports.length > 1 && !p.name) errors.push(`${pw}.name: every port of a multi-port Service needs a name`);
      if (p.name !== undefined && portNames.has(p.name)) errors.push(`${pw}.name: "${p.name}" is used twice`);
      if (p.name !== undefined) portNames.add(p.name);
      if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) errors.push(`${pw}.port: ${p.port} is not a port`);
      const nodePort = p.nodePort ?? 0;
      if (s.type === "NodePort" && nodePort === 0) errors.push(`${pw}.nodePort: a NodePort Service needs one (PodPath allocates none)`);
      if (s.type !== "NodePort" && nodePort !== 0) errors.push(`${pw}.nodePort: only type NodePort has one`);
      if (nodePort !== 0) {
        if (!Number.isInteger(nodePort) || nodePort < NODE_PORT_MIN || nodePort > NODE_PORT_MAX) errors.push(`${pw}.nodePort: ${nodePort} is not in ${NODE_PORT_MIN}-${NODE_PORT_MAX}`);
        if (nodePorts.has(nodePort)) errors.push(`${pw}.nodePort: ${nodePort} is already used by ${nodePorts.get(nodePort)}`);
        nodePorts.set(nodePort, id);
      }
      const protocol = p.protocol ?? "TCP";
      const portName = servicePortName(namespace, s.name, p.name);
      return { portName, protocol, port: p.port, targetPort: p.targetPort ?? p.port, nodePort, chains: serviceChains(portName, protocol) };
    });
    return { namespace, name: s.name, clusterIP: s.clusterIP, ports, selector: s.selector, externalLocal: policy === "Local" && s.type === "NodePort", healthCheckNodePort: hc };
  });
}
