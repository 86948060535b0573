/** Probe outcomes: FW1, IC1, EP1-EP3, PR1-PR2, SC1-SC2 and LO1. */
import { describe, expect, it } from "vitest";
import { runScenario, runScenarioDetailed } from "../../engine/index";
import type { Scenario, TraceEvent } from "../../engine/index";
import { build, dropReasons, exec, listen, probe, splitLine } from "./build";
import { BRIDGE, BRIDGE_HOSTS, PAIR, PAIR_HOSTS, ROUTED, ROUTED_HOSTS } from "./topo";

type Fwd = Extract<TraceEvent, { step: "forward" }>;
const forwards = (trace: readonly TraceEvent[]): Fwd[] => trace.filter((e): e is Fwd => e.step === "forward");
const icmpErrors = (trace: readonly TraceEvent[], host?: string) => trace.filter((e) => e.step === "icmp-error" && (host === undefined || e.host === host));

describe("[FW1] forwarding", () => {
  it("[FW1] a forwarded packet leaves with TTL minus one", () => {
    const s = listen(build(ROUTED_HOSTS, ROUTED), "b", "tcp/8080");
    const r = probe(s, { from: "a", to: "10.0.2.2", proto: "tcp", port: 8080 });
    expect(r.outcome.result).toBe("connected");
    expect(forwards(r.trace).map((f) => [f.host, f.inDev, f.outDev, f.pkt.ttl])).toEqual([
      ["r", "eth0", "eth1", 63],
      ["r", "eth1", "eth0", 63],
    ]);
  });

  it("[FW1] in a routing loop the router that gets TTL 1 answers ICMP time exceeded", () => {
    const s = build(["a", "r1", "r2"], [
      "a: ip link set lo up",
      "r1: ip link set lo up",
      "r2: ip link set lo up",
      "r1: sysctl -w net.ipv4.ip_forward=1",
      "r2: sysctl -w net.ipv4.ip_forward=1",
      "r1: ip link add eth0 type veth peer name eth0 netns a",
      "r1: ip link add eth1 type veth peer name eth0 netns r2",
      "r1: ip addr add 10.0.1.1/24 dev eth0",
      "r1: ip addr add 10.0.12.1/24 dev eth1",
      "r1: ip link set eth0 up",
      "r1: ip link set eth1 up",
      "r2: ip addr add 10.0.12.2/24 dev eth0",
      "r2: ip link set eth0 up",
      "a: ip addr add 10.0.1.2/24 dev eth0",
      "a: ip link set eth0 up",
      "a: ip route add default via 10.0.1.1",
      "r1: ip route add 10.99.0.0/16 via 10.0.12.2",
      "r2: ip route add 10.99.0.0/16 via 10.0.12.1",
      "r2: ip route add 10.0.1.0/24 via 10.0.12.1",
    ]);
    const r = probe(s, { from: "a", to: "10.99.0.1", proto: "icmp" });
    expect(r.outcome.result).toBe("unreachable");
    expect(r.outcome.detail).toContain("Time to live exceeded");
    expect(r.outcome.detail).toContain("10.0.12.2");
    const loop = forwards(r.trace).filter((f) => f.pkt.dst === 0x0a630001);
    expect(loop.map((f) => f.pkt.ttl)).toEqual(Array.from({ length: 63 }, (_, i) => 63 - i));
    expect(dropReasons(r.trace, "r2")).toEqual(["TTL_EXCEEDED"]);
  });

  it("[FW1] a DF packet larger than the outgoing MTU gets ICMP fragmentation needed with that MTU", () => {
    const s = exec(build(ROUTED_HOSTS, ROUTED), ["r: ip link set eth1 mtu 1400", "b: ip link set eth0 mtu 1400"]);
    const r = probe(s, { from: "a", to: "10.0.2.2", proto: "icmp", size: 1400, df: true });
    expect(r.outcome.result).toBe("unreachable");
    expect(r.outcome.detail).toContain("Frag needed and DF set (mtu = 1400)");
    expect(r.outcome.detail).toContain("10.0.1.1");
    expect(dropReasons(r.trace, "r")).toEqual(["FRAG_NEEDED"]);
    expect(probe(s, { from: "a", to: "10.0.2.2", proto: "icmp", size: 1372, df: true }).outcome).toMatchObject({ result: "reply", replyFrom: "10.0.2.2" });
  });
});

describe("[IC1] ICMP errors", () => {
  const s = build(ROUTED_HOSTS, ROUTED);

  it("[IC1] the error leaves from the address the route back selects", () => {
    const r = probe(s, { from: "b", to: "10.0.9.9", proto: "icmp" });
    expect(r.outcome.result).toBe("unreachable");
    expect(r.outcome.detail).toContain("From 10.0.2.1");
  });

  it("[IC1] ... or from the packet's destination when that is local", () => {
    const r = probe(s, { from: "a", to: "10.0.2.1", proto: "udp", port: 53 });
    expect(r.outcome.result).toBe("refused");
    expect(r.outcome.detail).toContain("10.0.2.1");
    expect(r.outcome.detail).toContain("Port Unreachable");
  });

  it("[IC1] an ICMP error is never answered with another one", () => {
    const t = exec(s, ["a: ip link add d0 type dummy", "a: ip addr add 10.50.0.1/32 dev d0"]);
    const r = probe(t, { from: "a", to: "10.0.2.2", proto: "udp", port: 53, src: "10.50.0.1" });
    expect(r.outcome.result).toBe("timeout");
    expect(icmpErrors(r.trace, "b")).toHaveLength(1);
    expect(dropReasons(r.trace, "r")).toEqual(["NO_ROUTE"]);
    expect(icmpErrors(r.trace, "r")).toEqual([]);
  });
});

describe("[EP1] [EP2] [EP3] endpoints", () => {
  const s = listen(
    exec(build(PAIR_HOSTS, PAIR), ["b: ip link add d0 type dummy", "b: ip addr add 10.9.9.9/32 dev d0", "b: ip link set d0 up", "a: ip route add 10.9.9.9/32 via 10.0.0.2"]),
    "b",
    "tcp/8080",
    "udp/53",
  );

  it("[EP1] a SYN to a listening port is answered: connected, with what the server saw", () => {
    expect(probe(s, { from: "a", to: "10.0.0.2", proto: "tcp", port: 8080 }).outcome).toEqual({ result: "connected", server: "b", seenSrc: "10.0.0.1", seenDst: "10.0.0.2", seenPort: 8080, p: 1 });
  });

  it("[EP1] the SYN-ACK comes from the address the SYN was sent to", () => {
    const r = probe(s, { from: "a", to: "10.9.9.9", proto: "tcp", port: 8080 });
    expect(r.outcome).toMatchObject({ result: "connected", server: "b", seenDst: "10.9.9.9" });
    const delivered = r.trace.filter((e): e is Extract<TraceEvent, { step: "deliver" }> => e.step === "deliver" && e.host === "a");
    expect(delivered.map((e) => e.pkt.src)).toEqual([0x0a090909]);
  });

  it("[EP1] a closed TCP port answers RST: refused", () => {
    const r = probe(s, { from: "a", to: "10.0.0.2", proto: "tcp", port: 9999 });
    expect(r.outcome.result).toBe("refused");
    expect(r.outcome.detail).toContain("Connection refused");
  });

  it("[EP2] a UDP listener answers: reply, with what the server saw", () => {
    expect(probe(s, { from: "a", to: "10.0.0.2", proto: "udp", port: 53 }).outcome).toEqual({ result: "reply", server: "b", seenSrc: "10.0.0.1", seenDst: "10.0.0.2", seenPort: 53, p: 1 });
  });

  it("[EP2] a closed UDP port answers ICMP port unreachable: refused", () => {
    const r = probe(s, { from: "a", to: "10.0.0.2", proto: "udp", port: 54 });
    expect(r.outcome.result).toBe("refused");
    expect(r.outcome.detail).toContain("Port Unreachable");
  });

  it("[EP2] the UDP answer leaves from the address routing picks; the client's connected socket does not take it", () => {
    const r = probe(s, { from: "a", to: "10.9.9.9", proto: "udp", port: 53 });
    expect(r.outcome.result).toBe("timeout");
    const answer = r.trace.find((e) => e.step === "send" && e.host === "b") ?? r.trace.find((e) => e.step === "route" && e.host === "b" && e.decision === "output");
    expect(answer && "pkt" in answer ? answer.pkt.src : undefined).toBe(0x0a000002);
    expect(dropReasons(r.trace, "a")).toEqual(["NO_SOCKET"]);
    expect(r.trace.some((e) => e.step === "deliver" && e.host === "a")).toBe(false);
  });

  it("[EP3] an ICMP echo request is answered from the address it was sent to", () => {
    expect(probe(s, { from: "a", to: "10.9.9.9", proto: "icmp" }).outcome).toEqual({ result: "reply", replyFrom: "10.9.9.9", p: 1 });
    expect(probe(s, { from: "a", to: "10.0.0.2", proto: "icmp" }).outcome).toEqual({ result: "reply", replyFrom: "10.0.0.2", p: 1 });
  });
});

describe("[EP4] ICMP errors and the probing socket", () => {
  const s = build(ROUTED_HOSTS, ROUTED);

  it("[EP4] TCP in SYN_SENT aborts on host unreachable; a UDP socket ignores it and times out", () => {
    expect(probe(s, { from: "a", to: "10.0.1.77", proto: "tcp", port: 80 }).outcome.result).toBe("unreachable");
    const udp = probe(s, { from: "a", to: "10.0.1.77", proto: "udp", port: 53 });
    expect(udp.outcome.result).toBe("timeout");
    expect(dropReasons(udp.trace, "a")).toContain("NEIGH_FAILED");
  });

  it("[EP4] UDP ignores net unreachable from a router too, while ping reports it", () => {
    expect(probe(s, { from: "a", to: "10.0.3.5", proto: "udp", port: 53 }).outcome.result).toBe("timeout");
    expect(probe(s, { from: "a", to: "10.0.3.5", proto: "icmp" }).outcome.result).toBe("unreachable");
  });

  it("[EP4] a hard error (packet filtered) does reach a UDP socket", () => {
    const r = probe(exec(s, ["r: ip route add prohibit 10.0.3.0/24"]), { from: "a", to: "10.0.3.5", proto: "udp", port: 53 });
    expect(r.outcome.result).toBe("unreachable");
    expect(r.outcome.detail).toContain("Packet filtered");
  });
});

describe("[PR1] [PR2] probe packets", () => {
  const s = listen(build(PAIR_HOSTS, PAIR), "b", "tcp/8080", "udp/53");
  const sentSize = (r: ReturnType<typeof probe>): number | undefined => r.trace.find((e) => e.step === "send")?.pkt.size;

  it("[PR1] a TCP SYN is 60 bytes, a UDP probe 60, an ICMP echo 28 + payload (default 56)", () => {
    expect(sentSize(probe(s, { from: "a", to: "10.0.0.2", proto: "tcp", port: 8080 }))).toBe(60);
    expect(sentSize(probe(s, { from: "a", to: "10.0.0.2", proto: "udp", port: 53 }))).toBe(60);
    expect(sentSize(probe(s, { from: "a", to: "10.0.0.2", proto: "icmp" }))).toBe(84);
    expect(sentSize(probe(s, { from: "a", to: "10.0.0.2", proto: "icmp", size: 1000 }))).toBe(1028);
  });

  it("[PR2] ping -M do larger than the outgoing MTU fails in the sender: message too long", () => {
    const big = probe(s, { from: "a", to: "10.0.0.2", proto: "icmp", size: 1473, df: true });
    expect(big.outcome).toEqual({ result: "local-error", p: 1, detail: "ping: local error: message too long, mtu=1500" });
    expect(big.trace.some((e) => e.step === "tx")).toBe(false);
    expect(probe(s, { from: "a", to: "10.0.0.2", proto: "icmp", size: 1472, df: true }).outcome).toMatchObject({ result: "reply" });
    const small = exec(s, ["a: ip link set eth0 mtu 1400"]);
    expect(probe(small, { from: "a", to: "10.0.0.2", proto: "icmp", size: 1373, df: true }).outcome.detail).toBe("ping: local error: message too long, mtu=1400");
  });
});

describe("[LO1] traffic to the host's own addresses", () => {
  const s = listen(build(BRIDGE_HOSTS, BRIDGE.filter((l) => l !== "pod-a: ip link set lo up")), "pod-a", "tcp/8080");

  it("[LO1] with lo down even the pod's own eth0 address times out", () => {
    const r = probe(s, { from: "pod-a", to: "10.244.0.2", proto: "tcp", port: 8080 });
    expect(r.outcome.result).toBe("timeout");
    expect(dropReasons(r.trace, "pod-a")).toEqual(["LO_DOWN"]);
    expect(r.trace.some((e) => e.step === "tx")).toBe(false);
  });

  it("[LO1] with lo up it goes through lo and connects", () => {
    const r = probe(exec(s, ["pod-a: ip link set lo up"]), { from: "pod-a", to: "10.244.0.2", proto: "tcp", port: 8080 });
    expect(r.outcome).toMatchObject({ result: "connected", server: "pod-a", seenSrc: "10.244.0.2", seenDst: "10.244.0.2" });
    expect(r.trace.some((e) => e.step === "tx")).toBe(false);
  });

  it("[LO1] with lo down, 127.0.0.1 does not exist: it follows the default route out and is lost", () => {
    const r = probe(s, { from: "pod-a", to: "127.0.0.1", proto: "icmp" });
    expect(r.outcome.result).toBe("timeout");
  });

  it("[LO1] other hosts still reach the pod over eth0", () => {
    expect(probe(s, { from: "pod-b", to: "10.244.0.2", proto: "tcp", port: 8080 }).outcome).toMatchObject({ result: "connected", server: "pod-a" });
  });
});

/** A scenario from "host: line" items. */
function scenario(lines: readonly string[], probes: Scenario["probes"], listenOn: Scenario["listen"] = {}): Scenario {
  return { name: "t", hosts: PAIR_HOSTS.map((name) => ({ name, role: "node" as const })), setup: lines.map(splitLine), listen: listenOn, probes };
}

describe("[SC1] [SC2] scenario runs", () => {
  it("[SC1] a refused setup line changes nothing and the run goes on", () => {
    const sc = scenario(
      [...PAIR.slice(0, 3), "a: ip addr add 10.0.0.1/24 dev nosuch", "a: ip route add 10.7.0.0/16 via 10.0.0.2", ...PAIR.slice(3)],
      [{ id: "ping", from: "a", to: "10.0.0.2", proto: "icmp" }],
    );
    const r = runScenario(sc);
    expect(r.refused).toEqual([
      { host: "a", line: "ip addr add 10.0.0.1/24 dev nosuch", error: 'Cannot find device "nosuch"' },
      { host: "a", line: "ip route add 10.7.0.0/16 via 10.0.0.2", error: "Error: Nexthop has invalid gateway." },
    ]);
    expect(r.probes).toEqual([{ id: "ping", outcomes: [{ result: "reply", replyFrom: "10.0.0.2", p: 1 }] }]);
  });

  it("[SC2] probes run in file order against one evolving state, each with a fresh source port", () => {
    const sc = scenario(PAIR, [
      { id: "first", from: "a", to: "10.0.0.2", proto: "tcp", port: 8080 },
      { id: "second", from: "a", to: "10.0.0.2", proto: "tcp", port: 8080 },
      { id: "third", from: "a", to: "10.0.0.2", proto: "udp", port: 53 },
    ], { b: [{ proto: "tcp", port: 8080 }, { proto: "udp", port: 53 }] });
    const run = runScenarioDetailed(sc);
    expect(run.result.probes.map((p) => p.id)).toEqual(["first", "second", "third"]);
    expect(run.runs.map((x) => x.trace.find((e) => e.step === "send")?.pkt.sport)).toEqual([32768, 32769, 32770]);
    const neigh = (i: number) => run.runs[i]!.trace.filter((e): e is Extract<TraceEvent, { step: "neigh" }> => e.step === "neigh" && e.host === "a").map((e) => e.state);
    expect(neigh(0)).toEqual(["resolved"]);
    expect(neigh(1)).toEqual(["cached"]);
    expect(run.result.probes.map((p) => p.outcomes[0]!.result)).toEqual(["connected", "connected", "reply"]);
  });
});
