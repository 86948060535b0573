/** MTU rules MT1-MT3 and ping's path MTU mode PR3. */
import { describe, expect, it } from "vitest";
import { build, dropReasons, exec, probe } from "./build";
import { BRIDGE, BRIDGE_HOSTS, PAIR, PAIR_HOSTS, ROUTED, ROUTED_HOSTS } from "./topo";

describe("[MT1] [PR3] fragmentation at the sender and on the way", () => {
  it("[MT1] a ping larger than the device MTU without -M leaves in fragments and is answered", () => {
    const r = probe(build(PAIR_HOSTS, PAIR), { from: "a", to: "10.0.0.2", proto: "icmp", size: 3000 });
    expect(r.outcome).toMatchObject({ result: "reply", replyFrom: "10.0.0.2" });
  });

  it("[MT1] a router fragments a packet without DF for a smaller next hop", () => {
    const s = exec(build(ROUTED_HOSTS, ROUTED), ["r: ip link set eth1 mtu 1400", "b: ip link set eth0 mtu 1400"]);
    const r = probe(s, { from: "a", to: "10.0.2.2", proto: "icmp", size: 1450, df: false });
    expect(r.outcome).toMatchObject({ result: "reply", replyFrom: "10.0.2.2" });
    expect(dropReasons(r.trace)).toEqual([]);
  });

  it("[PR3] ping without -M sets DF on a packet that fits its own device, so a smaller hop answers Frag needed", () => {
    const s = exec(build(ROUTED_HOSTS, ROUTED), ["r: ip link set eth1 mtu 1400", "b: ip link set eth0 mtu 1400"]);
    const r = probe(s, { from: "a", to: "10.0.2.2", proto: "icmp", size: 1450 });
    expect(r.outcome.result).toBe("unreachable");
    expect(r.outcome.detail).toContain("Frag needed and DF set (mtu = 1400)");
    expect(dropReasons(r.trace, "r")).toEqual(["FRAG_NEEDED"]);
  });
});

describe("[MT2] a veth or bridge port takes only frames that fit its MTU (+4)", () => {
  const s = exec(build(PAIR_HOSTS, PAIR), ["b: ip link set eth0 mtu 1400"]);

  it("[MT2] a veth pair with different MTUs silently drops large packets towards the smaller end", () => {
    const r = probe(s, { from: "a", to: "10.0.0.2", proto: "icmp", size: 1450 });
    expect(r.outcome.result).toBe("timeout");
    expect(dropReasons(r.trace)).toEqual(["FRAME_TOO_BIG"]);
    expect(r.trace.filter((e) => e.step === "icmp-error")).toEqual([]);
  });

  it("[MT2] is_skb_forwardable allows 4 bytes for a VLAN tag: 1404 bytes pass, 1405 do not", () => {
    expect(probe(s, { from: "a", to: "10.0.0.2", proto: "icmp", size: 1376 }).outcome).toMatchObject({ result: "reply" });
    expect(probe(s, { from: "a", to: "10.0.0.2", proto: "icmp", size: 1377 }).outcome.result).toBe("timeout");
  });

  it("[MT2] the other way, the small end fragments but the echo reply (no DF) comes back whole and vanishes", () => {
    const r = probe(s, { from: "b", to: "10.0.0.1", proto: "icmp", size: 1450 });
    expect(r.outcome.result).toBe("timeout");
    expect(dropReasons(r.trace, "b")).toEqual(["FRAME_TOO_BIG"]);
  });

  it("[MT2] small packets are unaffected", () => {
    expect(probe(s, { from: "a", to: "10.0.0.2", proto: "icmp" }).outcome).toMatchObject({ result: "reply" });
  });
});

describe("[MT3] br_netfilter refragments bridged packets", () => {
  const s = exec(build(BRIDGE_HOSTS, BRIDGE), ["pod-b: ip link set eth0 mtu 1400", "node1: ip link set veth-b mtu 1400"]);

  it("[MT3] with bridge-nf-call-iptables=1 a bridged packet without DF is refragmented to the port's MTU", () => {
    expect(probe(s, { from: "pod-a", to: "10.244.0.3", proto: "icmp", size: 1450, df: false }).outcome).toMatchObject({ result: "reply", replyFrom: "10.244.0.3" });
  });

  it("[MT3] a DF packet is dropped at the port, silently", () => {
    const r = probe(s, { from: "pod-a", to: "10.244.0.3", proto: "icmp", size: 1450, df: true });
    expect(r.outcome.result).toBe("timeout");
    expect(dropReasons(r.trace, "node1")).toEqual(["FRAME_TOO_BIG"]);
  });

  it("[MT3] with bridge-nf-call-iptables=0 the bridge does not refragment: the packet is dropped", () => {
    const r = probe(exec(s, ["node1: sysctl -w net.bridge.bridge-nf-call-iptables=0"]), { from: "pod-a", to: "10.244.0.3", proto: "icmp", size: 1450, df: false });
    expect(r.outcome.result).toBe("timeout");
    expect(dropReasons(r.trace, "node1")).toEqual(["FRAME_TOO_BIG"]);
  });
});
