/** The kernel's own output for a host-gw cluster (/work/shared/reference), and a PodPath replica of node n1's side of it. */
import { readFileSync } from "node:fs";
import type { HostSpec, NetState } from "../../engine/index";
import { build, probe } from "./build";

const REFERENCE_FILE = "/work/shared/reference/kernel-output-hostgw-cluster.txt";

/** Lines of one "### title" section of a reference file (host-gw or VXLAN cluster). */
export function referenceSection(title: string, file: "hostgw" | "vxlan" = "hostgw"): string[] {
  const path = file === "hostgw" ? REFERENCE_FILE : REFERENCE_FILE.replace("hostgw", "vxlan");
  const text = readFileSync(path, "utf8");
  const start = text.indexOf(`### ${title}\n`);
  if (start < 0) throw new Error(`no section "${title}" in ${path}`);
  const body = text.slice(start + title.length + 5);
  const end = body.indexOf("\n### ");
  return (end < 0 ? body : body.slice(0, end)).split("\n").filter((l) => l !== "");
}

/** MACs other than all-zero and broadcast become "MAC": they are random in the kernel and derived in PodPath. */
export function shape(line: string): string {
  return line.replace(/\b[0-9a-f]{2}(?::[0-9a-f]{2}){5}\b/g, (m) => (m === "00:00:00:00:00:00" || m === "ff:ff:ff:ff:ff:ff" ? m : "MAC"));
}

export const words = (line: string): string[] => shape(line).trim().split(/\s+/);

export const HOSTGW_HOSTS: readonly HostSpec[] = [
  { name: "ul", role: "external" },
  { name: "n1", role: "node" },
  { name: "n2", role: "node" },
  { name: "n1a", role: "pod", node: "n1" },
  { name: "n1b", role: "pod", node: "n1" },
];

/**
 * Node n1 as in the reference: lo 1, eth0 2 (peer ifindex 3 in "ul"), cni0 3, veth-n1a 4 and
 * veth-n1b 5 (peers are eth0, ifindex 2, in pods n1a and n1b), hairpin on as flannel sets it.
 * ul's br0 holds 192.168.50.100; n2 is 192.168.50.2 and routes 10.244.1.0/24.
 */
export const HOSTGW_LINES: readonly string[] = [
  "ul: ip link set lo up",
  "ul: ip link add br0 type bridge",
  "ul: ip addr add 192.168.50.100/24 dev br0",
  "ul: ip link set br0 up",
  "ul: ip link add v-n1 type veth peer name eth0 netns n1",
  "ul: ip link set v-n1 master br0",
  "ul: ip link set v-n1 up",
  "ul: ip link add v-n2 type veth peer name eth0 netns n2",
  "ul: ip link set v-n2 master br0",
  "ul: ip link set v-n2 up",
  "n1: ip link set lo up",
  "n1: sysctl -w net.ipv4.ip_forward=1",
  "n1: ip addr add 192.168.50.1/24 dev eth0",
  "n1: ip link set eth0 up",
  "n1: ip link add cni0 type bridge",
  "n1: ip addr add 10.244.0.1/24 dev cni0",
  "n1: ip link set cni0 up",
  "n1: ip link add veth-n1a type veth peer name eth0 netns n1a",
  "n1: ip link set veth-n1a master cni0",
  "n1: ip link set veth-n1a up",
  "n1: ip link add veth-n1b type veth peer name eth0 netns n1b",
  "n1: ip link set veth-n1b master cni0",
  "n1: ip link set veth-n1b up",
  "n1: bridge link set dev veth-n1a hairpin on",
  "n1: bridge link set dev veth-n1b hairpin on",
  "n1: ip route add 10.244.1.0/24 via 192.168.50.2",
  "n1a: ip link set lo up",
  "n1a: ip addr add 10.244.0.2/24 dev eth0",
  "n1a: ip link set eth0 up",
  "n1a: ip route add default via 10.244.0.1",
  "n1b: ip link set lo up",
  "n1b: ip addr add 10.244.0.3/24 dev eth0",
  "n1b: ip link set eth0 up",
  "n1b: ip route add default via 10.244.0.1",
  "n2: ip link set lo up",
  "n2: sysctl -w net.ipv4.ip_forward=1",
  "n2: ip addr add 192.168.50.2/24 dev eth0",
  "n2: ip link set eth0 up",
  "n2: ip route add 10.244.0.0/24 via 192.168.50.1",
];

/** The replica as configured, before any packet moved. */
export function hostgwLinks(): NetState {
  return build(HOSTGW_HOSTS, HOSTGW_LINES);
}

/** The replica after n1 pinged both pods, n2 and ul (its neighbours resolved, cni0 learned the pods). */
export function hostgw(): NetState {
  let s = hostgwLinks();
  ["10.244.0.2", "10.244.0.3", "192.168.50.2", "192.168.50.100"].forEach((to, seq) => {
    const r = probe(s, { from: "n1", to, proto: "icmp" }, seq);
    if (r.outcome.result !== "reply") throw new Error(`hostgw replica: n1 cannot ping ${to}: ${JSON.stringify(r.outcome)}`);
    s = r.state;
  });
  return s;
}

/** The same node with flannel's VXLAN instead of the host-gw route (the vxlan reference file's n1). */
export function vxlanLinks(): NetState {
  return build(HOSTGW_HOSTS, [
    ...HOSTGW_LINES.filter((l) => !l.startsWith("n1: ip route add 10.244.1.0/24")),
    "n1: ip link add flannel.1 address 0e:00:0a:f4:00:00 type vxlan id 1 local 192.168.50.1 dev eth0 dstport 8472 nolearning",
    "n1: ip addr add 10.244.0.0/32 dev flannel.1",
    "n1: ip link set flannel.1 up",
    "n1: ip route add 10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink",
    "n1: ip neigh add 10.244.1.0 lladdr 0e:00:0a:f4:01:00 dev flannel.1 nud permanent",
    "n1: bridge fdb append 0e:00:0a:f4:01:00 dev flannel.1 dst 192.168.50.2 self permanent",
  ]);
}
