/** Neighbours and ARP: NB1-NB3 and the neighbour side of RT9. */
import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../engine/index";
import { build, dropReasons, exec, lines, listen, macOf, out, probe } from "./build";
import { BRIDGE, BRIDGE_HOSTS, PAIR, PAIR_HOSTS, ROUTED, ROUTED_HOSTS } from "./topo";

const S = listen(build(PAIR_HOSTS, PAIR), "b", "tcp/8080");
const A_MAC = macOf(S, "a", "eth0");
const B_MAC = macOf(S, "b", "eth0");
const neighEvents = (trace: readonly TraceEvent[], host: string) => trace.filter((e): e is Extract<TraceEvent, { step: "neigh" }> => e.step === "neigh" && e.host === host);

describe("[NB1] resolving a next hop", () => {
  it("[NB1] an ARP reply makes the entry REACHABLE", () => {
    const r = probe(S, { from: "a", to: "10.0.0.2", proto: "tcp", port: 8080 });
    expect(r.outcome.result).toBe("connected");
    expect(lines(out(r.state, "a: ip neigh"))).toEqual([`10.0.0.2 dev eth0 lladdr ${B_MAC} REACHABLE `]);
    expect(neighEvents(r.trace, "a").map((e) => e.state)).toEqual(["resolved"]);
  });

  it("[NB1] a usable entry is used as it is, without ARP", () => {
    const warm = probe(S, { from: "a", to: "10.0.0.2", proto: "tcp", port: 8080 }).state;
    const r = probe(warm, { from: "a", to: "10.0.0.2", proto: "tcp", port: 8080 }, 1);
    expect(neighEvents(r.trace, "a").map((e) => e.state)).toEqual(["cached"]);
  });

  it.each(["stale", "reachable", "delay", "probe", "permanent"])("[NB1] a wrong entry in state %s is used, right or wrong: the packet is lost", (nud) => {
    const s = exec(S, [`a: ip neigh replace 10.0.0.2 lladdr 02:00:00:00:00:99 dev eth0 nud ${nud}`]);
    const r = probe(s, { from: "a", to: "10.0.0.2", proto: "tcp", port: 8080 });
    expect(r.outcome.result).toBe("timeout");
    expect(neighEvents(r.trace, "a")).toMatchObject([{ state: "cached", mac: "02:00:00:00:00:99" }]);
    expect(dropReasons(r.trace, "b")).toEqual(["OTHERHOST"]);
  });

  it("[NB1] a FAILED or INCOMPLETE entry is not usable: ARP again", () => {
    const s = exec(S, ["a: ip neigh replace 10.0.0.2 dev eth0 nud failed"]);
    const r = probe(s, { from: "a", to: "10.0.0.2", proto: "tcp", port: 8080 });
    expect(r.outcome.result).toBe("connected");
    expect(neighEvents(r.trace, "a").map((e) => e.state)).toEqual(["resolved"]);
  });

  it("[NB1] no reply: the entry is FAILED and the sender gets Destination Host Unreachable from itself", () => {
    const r = probe(S, { from: "a", to: "10.0.0.77", proto: "tcp", port: 8080 });
    expect(r.outcome.result).toBe("unreachable");
    expect(r.outcome.detail).toContain("Destination Host Unreachable");
    expect(r.outcome.detail).toContain("10.0.0.1");
    expect(dropReasons(r.trace, "a")).toEqual(["NEIGH_FAILED"]);
    expect(lines(out(r.state, "a: ip neigh"))).toEqual(["10.0.0.77 dev eth0 FAILED "]);
  });

  it("[NB1] [LO1] that ICMP error travels through lo: with lo down the sender just times out", () => {
    const r = probe(exec(S, ["a: ip link set lo down"]), { from: "a", to: "10.0.0.77", proto: "tcp", port: 8080 });
    expect(r.outcome.result).toBe("timeout");
    expect(dropReasons(r.trace, "a")).toEqual(["NEIGH_FAILED", "LO_DOWN"]);
  });

  it("[NB1] the request is sent from the packet's source when it is local (arp_announce=0)", () => {
    const s = exec(S, ["a: ip addr add 10.0.0.5/24 dev eth0"]);
    const r = probe(s, { from: "a", to: "10.0.0.2", proto: "tcp", port: 8080, src: "10.0.0.5" });
    expect(r.outcome).toMatchObject({ result: "connected", seenSrc: "10.0.0.5" });
    const bSees = lines(out(r.state, "b: ip neigh"));
    expect(bSees).toHaveLength(1);
    expect(bSees[0]).toMatch(new RegExp(`^10\\.0\\.0\\.5 dev eth0 lladdr ${A_MAC} `));
  });

  it("[NB1] a forwarded packet's source is not local: the request is sent from the outgoing device's address", () => {
    const s = listen(build(ROUTED_HOSTS, ROUTED), "b", "tcp/8080");
    const r = probe(s, { from: "a", to: "10.0.2.2", proto: "tcp", port: 8080 });
    expect(r.outcome).toMatchObject({ result: "connected", seenSrc: "10.0.1.2" });
    expect(lines(out(r.state, "b: ip neigh")).map((l) => l.split(" ")[0])).toEqual(["10.0.2.1"]);
  });
});

describe("[NB2] answering ARP", () => {
  it("[NB2] a request for any local address is answered (arp_ignore=0), out the device it came in on", () => {
    const s = exec(S, ["b: ip link add d0 type dummy", "b: ip addr add 10.9.9.9/32 dev d0", "a: ip route add 10.9.9.9/32 dev eth0"]);
    const r = probe(s, { from: "a", to: "10.9.9.9", proto: "icmp" });
    expect(r.outcome).toMatchObject({ result: "reply", replyFrom: "10.9.9.9" });
    expect(lines(out(r.state, "a: ip neigh"))).toEqual([`10.9.9.9 dev eth0 lladdr ${B_MAC} REACHABLE `]);
  });

  it("[NB2] weak host model: a node answers ARP for cni0's address on a veth off the bridge, but replies by cni0, so the pod times out", () => {
    const s = exec(build(BRIDGE_HOSTS.concat([{ name: "pod-x", role: "pod", node: "node1" }]), BRIDGE), [
      "node1: ip link add veth-x type veth peer name eth0 netns pod-x",
      "node1: ip link set veth-x up",
      "pod-x: ip link set lo up",
      "pod-x: ip addr add 10.244.0.9/24 dev eth0",
      "pod-x: ip link set eth0 up",
      "pod-x: ip route add default via 10.244.0.1",
    ]);
    const r = probe(s, { from: "pod-x", to: "10.244.0.1", proto: "icmp" });
    expect(r.outcome.result).toBe("timeout");
    expect(lines(out(r.state, "pod-x: ip neigh"))).toEqual([`10.244.0.1 dev eth0 lladdr ${macOf(s, "node1", "veth-x")} REACHABLE `]);
    expect(r.trace.some((e) => e.step === "deliver" && e.host === "node1")).toBe(true);
    expect(dropReasons(r.trace, "node1")).toContain("NEIGH_FAILED");
  });

  it("[NB2] the asker is cached as STALE", () => {
    const r = probe(S, { from: "a", to: "10.0.0.2", proto: "tcp", port: 8080 });
    expect(lines(out(r.state, "b: ip neigh"))).toEqual([`10.0.0.1 dev eth0 lladdr ${A_MAC} STALE `]);
  });

  it("[NB2] PERMANENT entries are never overwritten by ARP", () => {
    const s = listen(exec(S, ["a: ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:99 dev eth0 nud permanent"]), "a", "tcp/9090");
    const r = probe(s, { from: "b", to: "10.0.0.1", proto: "tcp", port: 9090 });
    expect(r.outcome.result).toBe("timeout");
    expect(dropReasons(r.trace, "b")).toEqual(["OTHERHOST"]);
    expect(lines(out(r.state, "a: ip neigh"))).toEqual(["10.0.0.2 dev eth0 lladdr 02:00:00:00:00:99 PERMANENT "]);
  });

  it("[NB2] NOARP entries are never overwritten by ARP either", () => {
    const s = listen(exec(S, ["a: ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:99 dev eth0 nud noarp"]), "a", "tcp/9090");
    const r = probe(s, { from: "b", to: "10.0.0.1", proto: "tcp", port: 9090 });
    expect(r.outcome.result).toBe("timeout");
    expect(lines(out(r.state, "a: ip neigh"))).toEqual(["10.0.0.2 dev eth0 lladdr 02:00:00:00:00:99 NOARP "]);
  });
});

describe("[NB3] static entries", () => {
  it("[NB3] ip neigh add ... nud permanent pins an entry; the right one saves the ARP exchange", () => {
    const s = exec(S, [`a: ip neigh add 10.0.0.2 lladdr ${B_MAC} dev eth0 nud permanent`]);
    expect(out(s, "a: ip neigh")).toBe(`10.0.0.2 dev eth0 lladdr ${B_MAC} PERMANENT \n`);
    const r = probe(s, { from: "a", to: "10.0.0.2", proto: "tcp", port: 8080 });
    expect(r.outcome.result).toBe("connected");
    expect(neighEvents(r.trace, "a").map((e) => e.state)).toEqual(["cached"]);
    expect(out(r.state, "a: ip neigh")).toBe(`10.0.0.2 dev eth0 lladdr ${B_MAC} PERMANENT \n`);
  });

  it("[NB3] nud defaults to permanent", () => {
    expect(out(exec(S, ["a: ip neigh add 10.0.0.3 lladdr 02:00:00:00:00:03 dev eth0"]), "a: ip neigh")).toBe("10.0.0.3 dev eth0 lladdr 02:00:00:00:00:03 PERMANENT \n");
  });

  it("[NB3] add on an existing entry is refused; replace overwrites it", () => {
    const s = exec(S, ["a: ip neigh add 10.0.0.3 lladdr 02:00:00:00:00:03 dev eth0"]);
    expect(() => exec(s, ["a: ip neigh add 10.0.0.3 lladdr 02:00:00:00:00:04 dev eth0"])).toThrow("RTNETLINK answers: File exists");
    expect(out(exec(s, ["a: ip neigh replace 10.0.0.3 lladdr 02:00:00:00:00:04 dev eth0"]), "a: ip neigh")).toBe("10.0.0.3 dev eth0 lladdr 02:00:00:00:00:04 PERMANENT \n");
  });

  it("[NB3] ip neigh flush leaves permanent entries and removes the rest", () => {
    const warm = probe(exec(S, ["a: ip neigh add 10.0.0.3 lladdr 02:00:00:00:00:03 dev eth0"]), { from: "a", to: "10.0.0.2", proto: "tcp", port: 8080 }).state;
    expect(lines(out(warm, "a: ip neigh"))).toHaveLength(2);
    expect(out(exec(warm, ["a: ip neigh flush dev eth0"]), "a: ip neigh")).toBe("10.0.0.3 dev eth0 lladdr 02:00:00:00:00:03 PERMANENT \n");
  });

  it("[NB3] ip neigh del removes an entry", () => {
    const s = exec(S, ["a: ip neigh add 10.0.0.3 lladdr 02:00:00:00:00:03 dev eth0", "a: ip neigh del 10.0.0.3 dev eth0"]);
    expect(out(s, "a: ip neigh")).toBe("");
  });
});

describe("[RT9] neighbours when a device goes down", () => {
  it("[RT9] learned entries on the device go (neigh_ifdown)", () => {
    const warm = probe(S, { from: "a", to: "10.0.0.2", proto: "tcp", port: 8080 }).state;
    expect(out(exec(warm, ["a: ip link set eth0 down"]), "a: ip neigh")).toBe("");
  });

  it("[RT9] permanent entries go too: only a carrier loss keeps them (neigh_carrier_down skips NUD_PERMANENT, neigh_ifdown does not)", () => {
    const s = exec(S, ["a: ip neigh add 10.0.0.3 lladdr 02:00:00:00:00:03 dev eth0 nud permanent"]);
    expect(out(exec(s, ["b: ip link set eth0 down"]), "a: ip neigh")).toBe("10.0.0.3 dev eth0 lladdr 02:00:00:00:00:03 PERMANENT \n");
    expect(out(exec(s, ["a: ip link set eth0 down"]), "a: ip neigh")).toBe("");
  });

  it("[RT9] entries on other devices stay", () => {
    const s = exec(S, ["a: ip link add d0 type dummy", "a: ip neigh add 10.7.0.3 lladdr 02:00:00:00:00:03 dev d0", "a: ip link set eth0 down"]);
    expect(out(s, "a: ip neigh")).toBe("10.7.0.3 dev d0 lladdr 02:00:00:00:00:03 PERMANENT \n");
  });
});
