/** Bridges and veth: BR1-BR5, L2V1, L2E1 and the bridge side of RT9. */
import { describe, expect, it } from "vitest";
import { advanceTime } from "../../engine/index";
import type { TraceEvent } from "../../engine/index";
import { build, dropReasons, exec, lines, listen, macOf, out, probe } from "./build";
import { BRIDGE, BRIDGE_HOSTS } from "./topo";

const S = listen(listen(listen(build(BRIDGE_HOSTS, BRIDGE), "pod-a", "tcp/8080"), "pod-b", "tcp/8080"), "node1", "tcp/10250");
type BridgeEvent = Extract<TraceEvent, { step: "bridge" }>;
const bridgeEvents = (trace: readonly TraceEvent[]): BridgeEvent[] => trace.filter((e): e is BridgeEvent => e.step === "bridge");
const learned = (s: typeof S): string[] => lines(out(s, "node1: bridge fdb show")).filter((l) => !l.endsWith("permanent") && !l.endsWith("static"));
const podMac = (s: typeof S, pod: string): string => macOf(s, pod, "eth0");

describe("[BR1] ports forward at once", () => {
  it("[BR1] no STP: every port is forwarding as soon as the bridge and the port are up with carrier", () => {
    expect(lines(out(S, "node1: bridge link")).map((l) => / state (\w+) /.exec(l)?.[1])).toEqual(["forwarding", "forwarding", "forwarding"]);
    expect(probe(S, { from: "pod-a", to: "10.244.0.3", proto: "tcp", port: 8080 }).outcome).toMatchObject({ result: "connected", server: "pod-b", seenSrc: "10.244.0.2" });
  });

  it("[BR1] a port whose veth peer is down does not forward", () => {
    const s = exec(S, ["pod-b: ip link set eth0 down"]);
    expect(lines(out(s, "node1: bridge link show dev veth-b"))[0]).toContain(" state disabled ");
  });

  it("[BR1] a bridge that is down forwards nothing", () => {
    const r = probe(exec(S, ["node1: ip link set cni0 down"]), { from: "pod-a", to: "10.244.0.3", proto: "tcp", port: 8080 });
    expect(r.outcome.result).not.toBe("connected");
    expect(dropReasons(r.trace, "node1")).toContain("BRIDGE_PORT_NOT_FORWARDING");
  });
});

describe("[BR2] frames for local MACs go up the bridge", () => {
  it("[BR2] a frame for the bridge's MAC reaches the node's stack", () => {
    const r = probe(S, { from: "pod-a", to: "10.244.0.1", proto: "tcp", port: 10250 });
    expect(r.outcome).toMatchObject({ result: "connected", server: "node1", seenDst: "10.244.0.1" });
    expect(bridgeEvents(r.trace).find((e) => e.inPort === "veth-a")?.action).toBe("local");
  });

  it("[BR2] a frame for another port's own MAC goes up the bridge, not out that port", () => {
    const vethB = macOf(S, "node1", "veth-b");
    const s = exec(S, [`pod-a: ip neigh add 10.244.0.3 lladdr ${vethB} dev eth0`]);
    const r = probe(s, { from: "pod-a", to: "10.244.0.3", proto: "tcp", port: 8080 });
    expect(bridgeEvents(r.trace)[0]).toMatchObject({ inPort: "veth-a", action: "local" });
    expect(r.trace.some((e) => e.host === "pod-b")).toBe(false);
    expect(r.outcome.result).toBe("timeout");
  });
});

describe("[BR3] learning, forwarding, flooding, hairpin, ageing", () => {
  it("[BR3] the bridge learns each source MAC on the port it came in on", () => {
    const r = probe(S, { from: "pod-a", to: "10.244.0.3", proto: "tcp", port: 8080 });
    expect(learned(r.state)).toEqual([`${podMac(S, "pod-a")} dev veth-a master cni0 `, `${podMac(S, "pod-b")} dev veth-b master cni0 `]);
  });

  it("[BR3] a known unicast MAC leaves by its port only", () => {
    const warm = probe(S, { from: "pod-a", to: "10.244.0.3", proto: "tcp", port: 8080 }).state;
    const r = probe(warm, { from: "pod-a", to: "10.244.0.3", proto: "tcp", port: 8080 }, 1);
    expect(bridgeEvents(r.trace).map((e) => [e.inPort, e.action, e.outPorts.join(",")])).toEqual([
      ["veth-a", "forward", "veth-b"],
      ["veth-b", "forward", "veth-a"],
    ]);
    expect(r.trace.some((e) => e.host === "pod-c")).toBe(false);
  });

  it("[BR3] an unknown unicast MAC floods to the other ports with flood on, never back to the incoming one", () => {
    const s = exec(S, [`pod-a: ip neigh add 10.244.0.3 lladdr ${podMac(S, "pod-b")} dev eth0`]);
    const r = probe(s, { from: "pod-a", to: "10.244.0.3", proto: "tcp", port: 8080 });
    expect(bridgeEvents(r.trace)[0]).toMatchObject({ inPort: "veth-a", action: "flood", outPorts: ["veth-b", "veth-c"] });
    expect(r.outcome).toMatchObject({ result: "connected", server: "pod-b" });
    expect(r.trace.some((e) => e.step === "deliver" && e.host === "pod-c")).toBe(false);
    const noFlood = probe(exec(s, ["node1: bridge link set dev veth-c flood off"]), { from: "pod-a", to: "10.244.0.3", proto: "tcp", port: 8080 });
    expect(bridgeEvents(noFlood.trace)[0]).toMatchObject({ action: "flood", outPorts: ["veth-b"] });
  });

  it("[BR3] broadcast (ARP) floods regardless of `flood off` (that flag is for unknown unicast) and goes up", () => {
    const s = exec(S, ["node1: bridge link set dev veth-b flood off"]);
    expect(probe(s, { from: "pod-a", to: "10.244.0.3", proto: "tcp", port: 8080 }).outcome).toMatchObject({ result: "connected", server: "pod-b" });
    expect(probe(s, { from: "pod-a", to: "10.244.0.1", proto: "tcp", port: 10250 }).outcome).toMatchObject({ result: "connected", server: "node1" });
  });

  it("[BR3] [NB2] hosts that overhear a broadcast ARP request for someone else create no entry for the asker", () => {
    const r = probe(S, { from: "pod-a", to: "10.244.0.3", proto: "tcp", port: 8080 });
    expect(out(r.state, "pod-c: ip neigh")).toBe("");
    expect(out(r.state, "node1: ip neigh")).toBe("");
  });

  it("[BR3] learning off: the port's source MACs are not learned", () => {
    const r = probe(exec(S, ["node1: bridge link set dev veth-a learning off"]), { from: "pod-a", to: "10.244.0.3", proto: "tcp", port: 8080 });
    expect(learned(r.state)).toEqual([`${podMac(S, "pod-b")} dev veth-b master cni0 `]);
  });

  const backToSender = "02:00:00:00:0a:0a";
  const hairpin = exec(S, [`node1: bridge fdb add ${backToSender} dev veth-a master static`, `pod-a: ip neigh add 10.244.0.3 lladdr ${backToSender} dev eth0`]);

  it("[BR3] a frame whose MAC is behind the port it came in on is dropped while hairpin is off", () => {
    const r = probe(hairpin, { from: "pod-a", to: "10.244.0.3", proto: "tcp", port: 8080 });
    expect(r.outcome.result).toBe("timeout");
    expect(dropReasons(r.trace, "node1")).toEqual(["BRIDGE_NO_HAIRPIN"]);
  });

  it("[BR3] with hairpin on it goes back out that port", () => {
    const r = probe(exec(hairpin, ["node1: bridge link set dev veth-a hairpin on"]), { from: "pod-a", to: "10.244.0.3", proto: "tcp", port: 8080 });
    expect(bridgeEvents(r.trace)[0]).toMatchObject({ inPort: "veth-a", action: "hairpin", outPorts: ["veth-a"] });
    expect(dropReasons(r.trace, "pod-a")).toEqual(["OTHERHOST"]);
  });

  it("[BR3] learned entries expire after ageing_time (300 s) of simulated time", () => {
    const warm = probe(S, { from: "pod-a", to: "10.244.0.3", proto: "tcp", port: 8080 }).state;
    expect(learned(advanceTime(warm, 299))).toHaveLength(2);
    expect(learned(advanceTime(warm, 301))).toEqual([]);
    const r = probe(advanceTime(warm, 301), { from: "pod-a", to: "10.244.0.3", proto: "tcp", port: 8080 }, 1);
    expect(bridgeEvents(r.trace)[0]).toMatchObject({ inPort: "veth-a", action: "flood" });
    const fresh = probe(advanceTime(warm, 299), { from: "pod-a", to: "10.244.0.3", proto: "tcp", port: 8080 }, 1);
    expect(bridgeEvents(fresh.trace)[0]).toMatchObject({ inPort: "veth-a", action: "forward" });
  });

  it("[BR3] static and permanent entries do not age", () => {
    const s = exec(S, ["node1: bridge fdb add 02:00:00:00:00:71 dev veth-c master static", "node1: bridge fdb add 02:00:00:00:00:72 dev veth-c master permanent"]);
    const later = lines(out(advanceTime(s, 10_000), "node1: bridge fdb show dev veth-c"));
    expect(later).toContain("02:00:00:00:00:71 dev veth-c master cni0 static");
    expect(later).toContain("02:00:00:00:00:72 dev veth-c master cni0 permanent");
  });
});

describe("[BR4] static FDB entries", () => {
  it("[BR4] bridge fdb add MAC dev PORT master static pins the MAC to that port", () => {
    const s = exec(S, [`node1: bridge fdb add ${podMac(S, "pod-b")} dev veth-c master static`]);
    const r = probe(s, { from: "pod-a", to: "10.244.0.3", proto: "tcp", port: 8080 });
    expect(bridgeEvents(r.trace).find((e) => e.action !== "flood")).toMatchObject({ inPort: "veth-a", action: "forward", outPorts: ["veth-c"] });
    expect(r.outcome.result).toBe("timeout");
    expect(lines(out(r.state, "node1: bridge fdb show"))).toContain(`${podMac(S, "pod-b")} dev veth-c master cni0 static`);
  });

  it("[BR4] a second add for the same MAC is refused; replace moves it", () => {
    const s = exec(S, ["node1: bridge fdb add 02:00:00:00:00:77 dev veth-a master static"]);
    expect(() => exec(s, ["node1: bridge fdb add 02:00:00:00:00:77 dev veth-b master static"])).toThrow(/File exists/);
    const moved = exec(s, ["node1: bridge fdb replace 02:00:00:00:00:77 dev veth-b master static"]);
    expect(lines(out(moved, "node1: bridge fdb show"))).toContain("02:00:00:00:00:77 dev veth-b master cni0 static");
    expect(out(moved, "node1: bridge fdb show dev veth-a")).not.toContain("02:00:00:00:00:77");
  });

  it("[BR4] bridge fdb append MAC dev VTEP dst IP self permanent adds VXLAN entries, one per destination", () => {
    const s = exec(S, [
      "node1: ip link add flannel.1 type vxlan id 1 dstport 8472",
      "node1: bridge fdb append 00:00:00:00:00:00 dev flannel.1 dst 192.168.50.2 self permanent",
      "node1: bridge fdb append 00:00:00:00:00:00 dev flannel.1 dst 192.168.50.3 self permanent",
    ]);
    expect(lines(out(s, "node1: bridge fdb show dev flannel.1"))).toEqual([
      "00:00:00:00:00:00 dev flannel.1 dst 192.168.50.2 self permanent",
      "00:00:00:00:00:00 dev flannel.1 dst 192.168.50.3 self permanent",
    ]);
  });
});

describe("[BR5] the bridge's MAC", () => {
  const ports = build(["a"], [
    "a: ip link add br0 type bridge",
    "a: ip link add d1 address 02:00:00:00:00:20 type dummy",
    "a: ip link add d2 address 02:00:00:00:00:10 type dummy",
    "a: ip link add d3 address 02:00:00:00:00:30 type dummy",
  ]);

  it("[BR5] a bridge with no ports keeps its own (random, here derived) MAC", () => {
    const mac = macOf(ports, "a", "br0");
    expect(mac).not.toBe("00:00:00:00:00:00");
    expect(parseInt(mac.slice(0, 2), 16) & 3).toBe(2);
  });

  it("[BR5] the bridge takes the lowest MAC among its ports, and follows when that port leaves", () => {
    const s = exec(ports, ["a: ip link set d1 master br0", "a: ip link set d2 master br0", "a: ip link set d3 master br0"]);
    expect(macOf(s, "a", "br0")).toBe("02:00:00:00:00:10");
    expect(macOf(exec(s, ["a: ip link set d2 nomaster"]), "a", "br0")).toBe("02:00:00:00:00:20");
    expect(macOf(exec(s, ["a: ip link del d2"]), "a", "br0")).toBe("02:00:00:00:00:20");
  });

  it("[BR5] a MAC set by hand stays", () => {
    const s = exec(ports, ["a: ip link set br0 address 02:00:00:00:00:99", "a: ip link set d1 master br0", "a: ip link set d2 master br0"]);
    expect(macOf(s, "a", "br0")).toBe("02:00:00:00:00:99");
  });
});

describe("[L2V1] [L2E1] [RT9] veth and Ethernet", () => {
  it("[L2V1] veth_xmit drops a frame when the peer is down", () => {
    const s = build(["a", "b"], ["a: ip link set lo up", "a: ip link add eth0 type veth peer name eth0 netns b", "a: ip addr add 10.0.0.1/24 dev eth0", "a: ip link set eth0 up", "b: ip addr add 10.0.0.2/24 dev eth0"]);
    const r = probe(s, { from: "a", to: "10.0.0.2", proto: "icmp" });
    expect(dropReasons(r.trace, "a")).toContain("PEER_DOWN");
    expect(r.trace.some((e) => e.host === "b")).toBe(false);
  });

  it("[L2E1] a frame for another MAC is PACKET_OTHERHOST: a wrong static neighbour loses every packet", () => {
    const s = exec(S, ["pod-a: ip neigh replace 10.244.0.3 lladdr 02:00:00:00:00:99 dev eth0 nud permanent", `node1: bridge fdb add 02:00:00:00:00:99 dev veth-b master static`]);
    for (const seq of [0, 1]) {
      const r = probe(s, { from: "pod-a", to: "10.244.0.3", proto: "tcp", port: 8080 }, seq);
      expect(r.outcome.result).toBe("timeout");
      expect(dropReasons(r.trace, "pod-b")).toEqual(["OTHERHOST"]);
    }
  });

  it("[RT9] a bridge forgets what it learned on a port that goes down", () => {
    const warm = probe(S, { from: "pod-a", to: "10.244.0.3", proto: "tcp", port: 8080 }).state;
    const s = exec(warm, ["node1: ip link set veth-a down"]);
    expect(learned(s)).toEqual([`${podMac(S, "pod-b")} dev veth-b master cni0 `]);
  });
});
