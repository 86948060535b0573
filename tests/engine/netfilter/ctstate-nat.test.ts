import { describe, expect, it } from "vitest";
import { build, out, probe } from "../build";

/** pod-a reaches 10.96.0.10:80, DNATed on node to pod-b:8080; a FORWARD rule counts --ctstate DNAT. */
function cluster(extra: string[]): ReturnType<typeof build> {
  return build(
    [{ name: "node", role: "node" }, { name: "pod-a", role: "pod", node: "node" }, { name: "pod-b", role: "pod", node: "node" }],
    [
      "node: sysctl -w net.ipv4.ip_forward=1",
      "node: ip link add eth-a type veth peer name eth0 netns pod-a",
      "node: ip link add eth-b type veth peer name eth0 netns pod-b",
      "node: ip addr add 10.0.1.1/24 dev eth-a",
      "node: ip addr add 10.0.2.1/24 dev eth-b",
      "node: ip link set eth-a up",
      "node: ip link set eth-b up",
      "pod-a: ip addr add 10.0.1.2/24 dev eth0",
      "pod-a: ip link set eth0 up",
      "pod-a: ip route add default via 10.0.1.1",
      "pod-b: ip addr add 10.0.2.2/24 dev eth0",
      "pod-b: ip link set eth0 up",
      "pod-b: ip route add default via 10.0.2.1",
      "node: iptables -t nat -A PREROUTING -d 10.96.0.10/32 -p tcp --dport 80 -j DNAT --to-destination 10.0.2.2:8080",
      ...extra,
    ],
  );
}

describe("[CT2] conntrack states seen by -m conntrack", () => {
  it("[CT2] --ctstate DNAT matches the packets of a DNATed connection", () => {
    const s = cluster(["node: iptables -A FORWARD -m conntrack --ctstate DNAT -j DROP"]);
    const run = probe(s, { from: "pod-a", to: "10.96.0.10", proto: "tcp", port: 80 });
    expect(run.outcome.result).toBe("timeout");
    const direct = probe(run.state, { from: "pod-a", to: "10.0.2.2", proto: "tcp", port: 8080 }, 1);
    expect(direct.outcome.result).not.toBe("timeout");
  });

  it("[CT2] an ICMP error about a tracked connection is RELATED, passes an INVALID drop, and makes no entry of its own", () => {
    const s = cluster(["node: iptables -A FORWARD -m conntrack --ctstate INVALID -j DROP"]);
    // pod-b answers the UDP probe to a closed port with port unreachable.
    const run = probe(s, { from: "pod-a", to: "10.0.2.2", proto: "udp", port: 9 });
    expect(run.outcome.result).toBe("refused");
    const table = out(run.state, "node: conntrack -L");
    expect(table).toMatch(/^udp /m);
    expect(table).not.toMatch(/^icmp /m);
  });
});
