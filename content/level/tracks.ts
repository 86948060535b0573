/** The curriculum's tracks (shared/design/CURRICULUM.md 1-7), in the order a student meets them. */
import type { LocalText, TrackId } from "../../engine/judge/types";

export interface Track {
  readonly id: TrackId;
  readonly number: number;
  readonly title: LocalText;
  readonly summary: LocalText;
}

export const TRACK_LIST: readonly Track[] = [
  { id: "pod", number: 1, title: { en: "Inside a pod" }, summary: { en: "One network namespace shared by every container: lo, eth0, and the pod's own routes." } },
  { id: "node", number: 2, title: { en: "Pods on one node" }, summary: { en: "veth pairs, the cni0 bridge, ARP and the FDB: how pods on one node find each other." } },
  { id: "cross-node", number: 3, title: { en: "Across nodes" }, summary: { en: "Routes to other nodes' pod CIDRs, IP forwarding, and the way back." } },
  { id: "overlay", number: 4, title: { en: "VXLAN overlay" }, summary: { en: "flannel.1: VTEPs, VNIs, FDB and neighbour entries, and the 50 bytes the tunnel costs." } },
  { id: "services", number: 5, title: { en: "Services" }, summary: { en: "ClusterIPs as kube-proxy's DNAT chains: load balancing, conntrack and hairpin traffic." } },
  { id: "egress", number: 6, title: { en: "Egress" }, summary: { en: "Leaving the cluster: MASQUERADE, and why pod-to-pod traffic must never be NATed." } },
  { id: "nodeport", number: 7, title: { en: "NodePort" }, summary: { en: "Opening a port on every node: DNAT from outside, SNAT on the way back, and externalTrafficPolicy." } },
];
