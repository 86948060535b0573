/**
 * checkCluster: a ClusterDesc in, a Cluster (model.ts) or every problem found out. Problems read
 * like `pods[2].ip: "10.244.1.5" is not in node1's podCIDR 10.244.0.0/24`.
 */
import { broadcastOf, networkOf, parseIPv4 } from "../addr/ipv4";
import { addressInCidr, cidrContains, cidrsOverlap, cidrWithin, parseCidr } from "./cidr";
import { podVethName } from "./chain-names";
import type { Cidr, Cluster, External, Node, Pod, UnderlayWiring } from "./model";
import { VXLAN_OVERHEAD } from "./model";
import { checkServices } from "./validate-services";
import type { ClusterDesc } from "./types";

export type ClusterCheck = { readonly ok: true; readonly cluster: Cluster } | { readonly ok: false; readonly errors: string[] };

const HOST_NAME = /^[a-z][a-z0-9-]{0,14}$/;

export function checkCluster(desc: ClusterDesc): ClusterCheck {
  const errors: string[] = [];
  const cidr = (where: string, text: string): Cidr | undefined => {
    const parsed = parseCidr(text);
    if (typeof parsed === "string") errors.push(`${where}: ${parsed}`);
    return typeof parsed === "string" ? undefined : parsed;
  };
  const address = (where: string, text: string): number | undefined => {
    const parsed = parseIPv4(text);
    if (parsed === undefined) errors.push(`${where}: "${text}" is not a dotted quad`);
    return parsed;
  };
  const hosts = new Set<string>();
  const hostName = (where: string, name: string): void => {
    if (!HOST_NAME.test(name)) errors.push(`${where}: "${name}" is not a host name ([a-z][a-z0-9-]{0,14})`);
    else if (hosts.has(name)) errors.push(`${where}: host "${name}" is named twice`);
    hosts.add(name);
  };

  const clusterCIDR = cidr("clusterCIDR", desc.clusterCIDR);
  const serviceCIDR = cidr("serviceCIDR", desc.serviceCIDR);
  if (clusterCIDR && serviceCIDR && cidrsOverlap(clusterCIDR, serviceCIDR)) errors.push(`serviceCIDR: ${serviceCIDR.text} overlaps clusterCIDR ${clusterCIDR.text}`);
  const u = desc.underlay;
  const mtu = u.mtu ?? 1500;
  if (!Number.isInteger(mtu) || mtu < 576 + VXLAN_OVERHEAD || mtu > 9000) errors.push(`underlay.mtu: ${mtu} is not between ${576 + VXLAN_OVERHEAD} and 9000`);
  if (!Number.isInteger(u.prefixLen) || u.prefixLen < 8 || u.prefixLen > 30) errors.push(`underlay.prefixLen: ${u.prefixLen} is not between 8 and 30`);
  let wiring: UnderlayWiring = { kind: "direct" };
  if (u.kind === "switch") {
    hostName("underlay.host", u.host);
    wiring = { kind: "switch", host: u.host, bridge: u.bridge ?? "br0", ...(u.gateway !== undefined ? { gateway: u.gateway } : {}) };
  } else if (desc.nodes.length !== 2) errors.push(`underlay: a direct veth joins exactly two nodes, not ${desc.nodes.length}`);
  if (u.kind === "direct" && (desc.externals ?? []).length > 0) errors.push(`externals: a direct underlay has no place for external hosts; use a switch`);

  const underlayAddrs = new Map<number, string>();
  let underlayNet: { network: number; where: string } | undefined;
  const onUnderlay = (where: string, text: string): void => {
    const a = address(where, text);
    if (a === undefined || !(u.prefixLen >= 8 && u.prefixLen <= 30)) return;
    for (const [name, range] of [["clusterCIDR", clusterCIDR], ["serviceCIDR", serviceCIDR]] as const) {
      if (range && cidrContains(range, a)) errors.push(`${where}: "${text}" is inside ${name} ${range.text}`);
    }
    const network = networkOf(a, u.prefixLen);
    if (underlayNet === undefined) underlayNet = { network, where };
    else if (underlayNet.network !== network) errors.push(`${where}: "${text}" is not on the underlay subnet of ${underlayNet.where} (/${u.prefixLen})`);
    if (underlayAddrs.has(a)) errors.push(`${where}: "${text}" is already ${underlayAddrs.get(a)}'s address`);
    underlayAddrs.set(a, where);
  };

  if (desc.nodes.length === 0) errors.push("nodes: a cluster needs at least one node");
  const nodes: Node[] = [];
  desc.nodes.forEach((n, i) => {
    const where = `nodes[${i}]`;
    hostName(`${where}.name`, n.name);
    onUnderlay(`${where}.nodeIP`, n.nodeIP);
    const podCIDR = cidr(`${where}.podCIDR`, n.podCIDR);
    if (!podCIDR) return;
    if (podCIDR.prefixLen > 30) errors.push(`${where}.podCIDR: ${podCIDR.text} leaves no room for pods`);
    if (clusterCIDR && !cidrWithin(podCIDR, clusterCIDR)) errors.push(`${where}.podCIDR: ${podCIDR.text} is not inside clusterCIDR ${clusterCIDR.text}`);
    const clash = nodes.find((m) => cidrsOverlap(m.podCIDR, podCIDR));
    if (clash) errors.push(`${where}.podCIDR: ${podCIDR.text} overlaps ${clash.name}'s ${clash.podCIDR.text}`);
    const vtepMac = vtepMacOf(podCIDR.network);
    nodes.push({ name: n.name, nodeIP: n.nodeIP, podCIDR, gateway: addressInCidr(podCIDR, 1), vtepIP: addressInCidr(podCIDR, 0), vtepMac });
  });
  if (u.kind === "switch" && u.gateway !== undefined) onUnderlay("underlay.gateway", u.gateway);
  const externals: External[] = [];
  (desc.externals ?? []).forEach((e, i) => {
    hostName(`externals[${i}].name`, e.name);
    onUnderlay(`externals[${i}].ip`, e.ip);
    externals.push({ name: e.name, ip: e.ip });
  });

  const pods = checkPods(desc, nodes, hostName, address, errors);
  const services = checkServices(desc.services ?? [], serviceCIDR, errors);
  if (errors.length > 0 || !clusterCIDR || !serviceCIDR) return { ok: false, errors };
  const o = desc.options ?? {};
  return {
    ok: true,
    cluster: {
      clusterCIDR, serviceCIDR, backend: desc.backend, wiring, underlayPrefixLen: u.prefixLen, underlayMtu: mtu,
      nodes, externals, pods, services,
      hairpinMode: o.hairpinMode ?? true, masqueradeAll: o.masqueradeAll ?? false, kubeProxyChains: o.kubeProxyChains ?? "used",
    },
  };
}

/**
 * flannel.1's MAC: 0e:00 then the four bytes of the node's podCIDR network, so every node knows
 * every other node's VTEP MAC from its lease alone (the reference cluster's VTEPs have exactly
 * these: 0e:00:0a:f4:00:00 for 10.244.0.0/24). Locally administered, unicast, unique per node.
 */
function vtepMacOf(network: number): string {
  const bytes = [0x0e, 0x00, network >>> 24, (network >>> 16) & 255, (network >>> 8) & 255, network & 255];
  return bytes.map((b) => b.toString(16).padStart(2, "0")).join(":");
}

function checkPods(desc: ClusterDesc, nodes: readonly Node[], hostName: (where: string, name: string) => void, address: (where: string, text: string) => number | undefined, errors: string[]): Pod[] {
  const pods: Pod[] = [];
  const ips = new Map<number, string>();
  const veths = new Map<string, string>();
  desc.pods.forEach((p, i) => {
    const where = `pods[${i}]`;
    hostName(`${where}.name`, p.name);
    const node = nodes.find((n) => n.name === p.node);
    if (!node) errors.push(`${where}.node: "${p.node}" is not a node of this cluster`);
    const ip = address(`${where}.ip`, p.ip);
    if (ip !== undefined && node) {
      if (!cidrContains(node.podCIDR, ip)) errors.push(`${where}.ip: "${p.ip}" is not in ${node.name}'s podCIDR ${node.podCIDR.text}`);
      else if (p.ip === node.gateway || p.ip === node.vtepIP || ip === broadcastOf(node.podCIDR.network, node.podCIDR.prefixLen)) errors.push(`${where}.ip: "${p.ip}" is the network, gateway or broadcast address of ${node.podCIDR.text}`);
    }
    if (ip !== undefined && ips.has(ip)) errors.push(`${where}.ip: "${p.ip}" is already ${ips.get(ip)}'s address`);
    if (ip !== undefined) ips.set(ip, p.name);
    const ports = (p.ports ?? []).map((c, j) => {
      if (!Number.isInteger(c.containerPort) || c.containerPort < 1 || c.containerPort > 65535) errors.push(`${where}.ports[${j}]: ${c.containerPort} is not a port`);
      return { port: c.containerPort, protocol: c.protocol ?? "TCP", ...(c.name !== undefined ? { name: c.name } : {}) };
    });
    const namespace = p.namespace ?? "default";
    const veth = podVethName(namespace, p.name);
    if (veths.has(veth)) errors.push(`${where}: its veth name ${veth} collides with ${veths.get(veth)}'s; rename the pod`);
    veths.set(veth, p.name);
    pods.push({ name: p.name, namespace, node: p.node, ip: p.ip, ports, labels: p.labels ?? {}, ready: p.ready ?? true, veth });
  });
  return pods;
}
