/**
 * [IPT5][LB2] `--mode nth --every n --packet p` as iptables stores it (every n-1, count
 * (n-1)-p): through the packet walk the rule matches packets p, p+n, p+2n... of those reaching it.
 */
import { describe, expect, it } from "vitest";
import { build, listen, probe } from "../build";

const HOSTS = ["a", "b"];
const SETUP = [
  "a: ip link add eth0 type veth peer name eth0 netns b",
  "a: ip addr add 10.0.0.1/24 dev eth0",
  "a: ip link set eth0 up",
  "a: ip route add default via 10.0.0.2",
  "b: ip addr add 10.0.0.2/24 dev eth0",
  "b: ip link set eth0 up",
];

describe("nth load balancing", () => {
  it.each([
    [0, [9090, 8080, 9090, 8080]],
    [1, [8080, 9090, 8080, 9090]],
  ])("[LB2] --every 2 --packet %i picks the nth rule's backend for packets p, p+2, ...", (packet, ports) => {
    let s = listen(
      build(HOSTS, [
        ...SETUP,
        `a: iptables -t nat -A OUTPUT -d 10.96.0.10 -p tcp --dport 80 -m statistic --mode nth --every 2 --packet ${packet} -j DNAT --to-destination 10.0.0.2:9090`,
        "a: iptables -t nat -A OUTPUT -d 10.96.0.10 -p tcp --dport 80 -j DNAT --to-destination 10.0.0.2:8080",
      ]),
      "b",
      "tcp/8080",
      "tcp/9090",
    );
    const seen: number[] = [];
    ports.forEach((_, i) => {
      const r = probe(s, { from: "a", to: "10.96.0.10", proto: "tcp", port: 80 }, i);
      s = r.state;
      if (r.outcome.result !== "connected") throw new Error(JSON.stringify(r.outcome));
      seen.push(r.outcome.seenPort);
    });
    expect(seen).toEqual(ports);
  });
});
