/**
 * The CNI bridge plugin as flannel's CNI config drives it (isDefaultGateway, hairpinMode, the
 * flannel MTU), plus the node sysctls it and kubeadm's preflight need: per node a `cni0` bridge
 * holding the pod gateway address; per pod a veth pair, `eth0` in the pod, the host end enslaved
 * to cni0 (hairpin on when hairpinMode), the pod address and `default via` the gateway; the
 * runtime's loopback plugin brings the pod's `lo` up.
 */
import type { SetupItem } from "../scenario/types";
import { CNI_BRIDGE, ETH0, VXLAN_OVERHEAD, type Cluster } from "./model";

/** flannel's FLANNEL_MTU: the underlay's, less the VXLAN headers on the vxlan backend. */
export function podMtu(cluster: Cluster): number {
  return cluster.backend === "vxlan" ? cluster.underlayMtu - VXLAN_OVERHEAD : cluster.underlayMtu;
}

export function cniBridge(cluster: Cluster): SetupItem[] {
  const items: SetupItem[] = [];
  const on = (host: string, line: string): void => void items.push({ host, line });
  const mtu = podMtu(cluster);
  const m = mtu === 1500 ? "" : ` mtu ${mtu}`;
  for (const node of cluster.nodes) {
    on(node.name, "sysctl -w net.ipv4.ip_forward=1");
    on(node.name, "sysctl -w net.bridge.bridge-nf-call-iptables=1");
    on(node.name, `ip link add ${CNI_BRIDGE}${m} type bridge`);
    on(node.name, `ip addr add ${node.gateway}/${node.podCIDR.prefixLen} dev ${CNI_BRIDGE}`);
    on(node.name, `ip link set ${CNI_BRIDGE} up`);
    for (const pod of cluster.pods.filter((p) => p.node === node.name)) {
      on(pod.name, "ip link set lo up");
      on(node.name, `ip link add ${pod.veth}${m} type veth peer name ${ETH0}${m} netns ${pod.name}`);
      on(node.name, `ip link set ${pod.veth} master ${CNI_BRIDGE}`);
      if (cluster.hairpinMode) on(node.name, `bridge link set dev ${pod.veth} hairpin on`);
      on(node.name, `ip link set ${pod.veth} up`);
      on(pod.name, `ip addr add ${pod.ip}/${node.podCIDR.prefixLen} dev ${ETH0}`);
      on(pod.name, `ip link set ${ETH0} up`);
      on(pod.name, `ip route add default via ${node.gateway}`);
    }
  }
  return items;
}
