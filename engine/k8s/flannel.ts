/**
 * flanneld on each node, given every node's lease (its podCIDR and public IP, from the Kubernetes
 * API with --kube-subnet-mgr). host-gw: a route to each other node's podCIDR via that node's IP.
 * vxlan: the VTEP `flannel.1` (VNI 1, UDP 8472, no learning) holding podCIDR's network address
 * as /32, and per remote node a permanent neighbour entry (remote VTEP address → its MAC), an FDB
 * entry (that MAC → the remote node IP) and an onlink route for the remote podCIDR. Then the
 * --ip-masq rules (FLANNEL-POSTRTG) and the forward-accept rules (FLANNEL-FWD).
 */
import type { SetupItem } from "../scenario/types";
import { podMtu } from "./cni-bridge";
import { append, comment, restoreInput } from "./iptables-text";
import { ETH0, FLANNEL_PORT, FLANNEL_VNI, FLANNEL_VTEP, type Cluster, type Node } from "./model";

const MASQ = "flanneld masq";
const FWD = "flanneld forward";
/** kube-proxy's masquerade mark: flannel leaves those packets to KUBE-POSTROUTING. */
const KUBE_PROXY_MARK = "0x4000/0x4000";

/** flannel's masqRules and forwardRules for one node (pkg/trafficmngr/iptables), as in shared/reference. */
export function flannelRestore(cluster: Cluster, node: Node): string {
  const cluster16 = cluster.clusterCIDR.text;
  const pod = node.podCIDR.text;
  const c = [comment(MASQ)];
  const post = "FLANNEL-POSTRTG";
  const fwd = "FLANNEL-FWD";
  return restoreInput([
    {
      table: "nat",
      chains: [post],
      rules: [
        append("POSTROUTING", { matches: c, jump: post }),
        append(post, { matches: [`-m mark --mark ${KUBE_PROXY_MARK}`, ...c], jump: "RETURN" }),
        append(post, { src: { cidr: pod }, dst: { cidr: cluster16 }, matches: c, jump: "RETURN" }),
        append(post, { src: { cidr: cluster16 }, dst: { cidr: pod }, matches: c, jump: "RETURN" }),
        append(post, { src: { cidr: cluster16, negate: true }, dst: { cidr: pod }, matches: c, jump: "RETURN" }),
        append(post, { src: { cidr: cluster16 }, dst: { cidr: "224.0.0.0/4", negate: true }, matches: c, jump: "MASQUERADE --random-fully" }),
        append(post, { src: { cidr: cluster16, negate: true }, dst: { cidr: cluster16 }, matches: c, jump: "MASQUERADE --random-fully" }),
      ],
    },
    {
      table: "filter",
      chains: [fwd],
      rules: [
        append("FORWARD", { matches: [comment(FWD)], jump: fwd }),
        append(fwd, { src: { cidr: cluster16 }, matches: [comment(FWD)], jump: "ACCEPT" }),
        append(fwd, { dst: { cidr: cluster16 }, matches: [comment(FWD)], jump: "ACCEPT" }),
      ],
    },
  ]);
}

function vtep(cluster: Cluster, node: Node): string[] {
  const mtu = podMtu(cluster);
  return [
    `ip link add ${FLANNEL_VTEP} address ${node.vtepMac} mtu ${mtu} type vxlan id ${FLANNEL_VNI} local ${node.nodeIP} dev ${ETH0} dstport ${FLANNEL_PORT} nolearning`,
    `ip addr add ${node.vtepIP}/32 dev ${FLANNEL_VTEP}`,
    `ip link set ${FLANNEL_VTEP} up`,
  ];
}

/** What flannel's subnet watcher adds on `node` for one remote lease. */
function remote(cluster: Cluster, remote: Node): string[] {
  if (cluster.backend === "host-gw") return [`ip route add ${remote.podCIDR.text} via ${remote.nodeIP} dev ${ETH0}`];
  return [
    `ip neigh replace ${remote.vtepIP} lladdr ${remote.vtepMac} dev ${FLANNEL_VTEP} nud permanent`,
    `bridge fdb append ${remote.vtepMac} dev ${FLANNEL_VTEP} dst ${remote.nodeIP} self permanent`,
    `ip route add ${remote.podCIDR.text} via ${remote.vtepIP} dev ${FLANNEL_VTEP} onlink`,
  ];
}

export function flannel(cluster: Cluster): SetupItem[] {
  const items: SetupItem[] = [];
  for (const node of cluster.nodes) {
    const lines = [
      ...(cluster.backend === "vxlan" ? vtep(cluster, node) : []),
      flannelRestore(cluster, node),
      ...cluster.nodes.filter((n) => n !== node).flatMap((n) => remote(cluster, n)),
    ];
    for (const line of lines) items.push({ host: node.name, line });
  }
  return items;
}
