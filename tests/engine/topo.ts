/** Small topologies as command lines, shared by the rule tests. */
import type { HostSpec } from "../../engine/index";

/** a(eth0 10.0.0.1/24) <-veth-> b(eth0 10.0.0.2/24), lo up on both. */
export const PAIR_HOSTS = ["a", "b"] as const;
export const PAIR: readonly string[] = [
  "a: ip link set lo up",
  "b: ip link set lo up",
  "a: ip link add eth0 type veth peer name eth0 netns b",
  "a: ip addr add 10.0.0.1/24 dev eth0",
  "a: ip link set eth0 up",
  "b: ip addr add 10.0.0.2/24 dev eth0",
  "b: ip link set eth0 up",
];

/** a(10.0.1.2) <-> r(eth0 10.0.1.1 | eth1 10.0.2.1) <-> b(10.0.2.2); default routes via r; r forwards. */
export const ROUTED_HOSTS = ["a", "r", "b"] as const;
export const ROUTED: readonly string[] = [
  "a: ip link set lo up",
  "r: ip link set lo up",
  "b: ip link set lo up",
  "r: sysctl -w net.ipv4.ip_forward=1",
  "r: ip link add eth0 type veth peer name eth0 netns a",
  "r: ip link add eth1 type veth peer name eth0 netns b",
  "r: ip addr add 10.0.1.1/24 dev eth0",
  "r: ip addr add 10.0.2.1/24 dev eth1",
  "r: ip link set eth0 up",
  "r: ip link set eth1 up",
  "a: ip addr add 10.0.1.2/24 dev eth0",
  "a: ip link set eth0 up",
  "a: ip route add default via 10.0.1.1",
  "b: ip addr add 10.0.2.2/24 dev eth0",
  "b: ip link set eth0 up",
  "b: ip route add default via 10.0.2.1",
];

/** node1 with bridge cni0 10.244.0.1/24 and pods pod-a .2, pod-b .3, pod-c .4 on veth-a/-b/-c. */
export const BRIDGE_HOSTS: readonly HostSpec[] = [
  { name: "node1", role: "node" },
  { name: "pod-a", role: "pod", node: "node1" },
  { name: "pod-b", role: "pod", node: "node1" },
  { name: "pod-c", role: "pod", node: "node1" },
];

export function bridgePod(letter: "a" | "b" | "c", ip: string): string[] {
  return [
    `node1: ip link add veth-${letter} type veth peer name eth0 netns pod-${letter}`,
    `node1: ip link set veth-${letter} master cni0`,
    `node1: ip link set veth-${letter} up`,
    `pod-${letter}: ip link set lo up`,
    `pod-${letter}: ip addr add ${ip}/24 dev eth0`,
    `pod-${letter}: ip link set eth0 up`,
    `pod-${letter}: ip route add default via 10.244.0.1`,
  ];
}

export const BRIDGE: readonly string[] = [
  "node1: ip link set lo up",
  "node1: ip link add cni0 type bridge",
  "node1: ip addr add 10.244.0.1/24 dev cni0",
  "node1: ip link set cni0 up",
  ...bridgePod("a", "10.244.0.2"),
  ...bridgePod("b", "10.244.0.3"),
  ...bridgePod("c", "10.244.0.4"),
];
