/**
 * The machines under the cluster: every node's and external host's eth0, joined by a switch host
 * (a bridge with one veth port per host, `port1`, `port2`, ... in host order) or by one veth pair
 * straight between two nodes. Every non-pod host gets `lo` up, as a booted machine has.
 */
import type { SetupItem } from "../scenario/types";
import { ETH0, type Cluster } from "./model";

const mtuWord = (mtu: number): string => (mtu === 1500 ? "" : ` mtu ${mtu}`);

/** The switch port each host's eth0 is plugged into (empty for a direct underlay). */
export function switchPorts(cluster: Cluster): Record<string, string> {
  if (cluster.wiring.kind !== "switch") return {};
  const ports: Record<string, string> = {};
  [...cluster.nodes.map((n) => n.name), ...cluster.externals.map((e) => e.name)].forEach((h, i) => (ports[h] = `port${i + 1}`));
  return ports;
}

export function underlay(cluster: Cluster): SetupItem[] {
  const items: SetupItem[] = [];
  const on = (host: string, line: string): void => void items.push({ host, line });
  const len = cluster.underlayPrefixLen;
  const m = mtuWord(cluster.underlayMtu);
  const machines = [...cluster.nodes.map((n) => ({ name: n.name, ip: n.nodeIP })), ...cluster.externals];
  const w = cluster.wiring;
  if (w.kind === "switch") on(w.host, "ip link set lo up");
  for (const h of machines) on(h.name, "ip link set lo up");
  if (w.kind === "switch") {
    on(w.host, `ip link add ${w.bridge} type bridge`);
    on(w.host, `ip link set ${w.bridge} up`);
    if (w.gateway !== undefined) on(w.host, `ip addr add ${w.gateway}/${len} dev ${w.bridge}`);
    const ports = switchPorts(cluster);
    for (const h of machines) {
      const port = ports[h.name]!;
      on(w.host, `ip link add ${port}${m} type veth peer name ${ETH0}${m} netns ${h.name}`);
      on(w.host, `ip link set ${port} master ${w.bridge}`);
      on(w.host, `ip link set ${port} up`);
      on(h.name, `ip addr add ${h.ip}/${len} dev ${ETH0}`);
      on(h.name, `ip link set ${ETH0} up`);
    }
    if (w.gateway !== undefined) for (const n of cluster.nodes) on(n.name, `ip route add default via ${w.gateway}`);
  } else {
    const [a, b] = cluster.nodes as [Cluster["nodes"][0], Cluster["nodes"][0]];
    on(a.name, `ip link add ${ETH0}${m} type veth peer name ${ETH0}${m} netns ${b.name}`);
    for (const n of [a, b]) {
      on(n.name, `ip addr add ${n.nodeIP}/${len} dev ${ETH0}`);
      on(n.name, `ip link set ${ETH0} up`);
    }
  }
  return items;
}
