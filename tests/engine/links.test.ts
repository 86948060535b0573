/** Namespaces and devices: NS1, LK1-LK6, LO2 of engine/SPEC.md. */
import { describe, expect, it } from "vitest";
import { build, exec, lines, macOf, out, refusal } from "./build";

/** `N: name` pairs of `ip link` (name without @peer). */
const indexes = (s: ReturnType<typeof build>, host: string): string[] =>
  lines(out(s, `${host}: ip link`))
    .map((l) => /^(\d+): ([^:@]+)/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]}: ${m[2]}`);

describe("[NS1] namespaces", () => {
  it("[NS1] ifindexes count per namespace", () => {
    const s = build(["a", "b"], ["a: ip link add d0 type dummy", "b: ip link add d1 type dummy", "a: ip link add d2 type dummy"]);
    expect(indexes(s, "a")).toEqual(["1: lo", "2: d0", "3: d2"]);
    expect(indexes(s, "b")).toEqual(["1: lo", "2: d1"]);
  });
});

describe("[LK1] [LK2] new devices", () => {
  it("[LK1] veth, bridge and dummy start DOWN with mtu 1500", () => {
    const s = build(["a", "b"], ["a: ip link add v0 type veth peer name v0 netns b", "a: ip link add br0 type bridge", "a: ip link add d0 type dummy"]);
    for (const dev of ["v0", "br0", "d0"]) expect(lines(out(s, `a: ip link show ${dev}`))[0], dev).toMatch(/^\d+: [^:]+: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN /);
    expect(lines(out(s, "b: ip link show v0"))[0]).toMatch(/<BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN /);
  });

  it("[LK1] vxlan is 1500 without a lower device, else the lower device's mtu minus 50", () => {
    const s = build(["a"], ["a: ip link add eth0 mtu 9000 type dummy", "a: ip link add vx0 type vxlan id 1 dstport 4789", "a: ip link add vx1 type vxlan id 2 dev eth0 dstport 4789"]);
    expect(out(s, "a: ip link show vx0")).toMatch(/ mtu 1500 qdisc noop state DOWN /);
    expect(out(s, "a: ip link show vx1")).toMatch(/ mtu 8950 qdisc noop state DOWN /);
  });

  it("[LK2] MACs are locally administered unicast, distinct, and the same on every run", () => {
    const lines_ = ["a: ip link add v0 type veth peer name v1", "a: ip link add br0 type bridge", "a: ip link add d0 type dummy"];
    const s1 = build(["a"], lines_);
    const s2 = build(["a"], lines_);
    const macs = ["v0", "v1", "br0", "d0"].map((d) => macOf(s1, "a", d));
    expect(["v0", "v1", "br0", "d0"].map((d) => macOf(s2, "a", d))).toEqual(macs);
    expect(new Set(macs).size).toBe(4);
    for (const m of macs) expect(parseInt(m.slice(0, 2), 16) & 3, m).toBe(2);
  });

  it("[LK2] ip link set DEV address sets the MAC", () => {
    const s = build(["a"], ["a: ip link add d0 type dummy", "a: ip link set d0 address 02:AA:00:00:00:01"]);
    expect(macOf(s, "a", "d0")).toBe("02:aa:00:00:00:01");
  });
});

describe("[LK3] carrier", () => {
  it("[LK3] a veth has carrier once both ends are up", () => {
    const one = build(["a", "b"], ["a: ip link add eth0 type veth peer name eth0 netns b", "a: ip link set eth0 up"]);
    expect(out(one, "a: ip link show eth0")).toContain("<NO-CARRIER,BROADCAST,MULTICAST,UP>");
    const both = exec(one, ["b: ip link set eth0 up"]);
    expect(out(both, "a: ip link show eth0")).toMatch(/<BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP /);
    expect(out(both, "b: ip link show eth0")).toMatch(/<BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP /);
  });

  it("[LK3] a bridge has carrier while at least one port is up with carrier", () => {
    const s = build(["a", "p"], ["a: ip link add br0 type bridge", "a: ip link set br0 up", "a: ip link add v0 type veth peer name eth0 netns p", "a: ip link set v0 master br0", "a: ip link set v0 up"]);
    expect(out(s, "a: ip link show br0")).toMatch(/<NO-CARRIER,BROADCAST,MULTICAST,UP> .* state DOWN /);
    const up = exec(s, ["p: ip link set eth0 up"]);
    expect(out(up, "a: ip link show br0")).toMatch(/<BROADCAST,MULTICAST,UP,LOWER_UP> .* state UP /);
    expect(out(exec(up, ["a: ip link set v0 nomaster"]), "a: ip link show br0")).toMatch(/<NO-CARRIER,BROADCAST,MULTICAST,UP> .* state DOWN /);
  });

  it("[LK3] lo up has carrier and state UNKNOWN", () => {
    expect(lines(out(build(["a"], ["a: ip link set lo up"]), "a: ip link"))[0]).toBe("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000");
  });
});

describe("[LK4] [LK5] [LK6] veth pairs and namespaces", () => {
  it("[LK4] in one namespace the peer is registered first and gets the lower ifindex", () => {
    const s = build(["a"], ["a: ip link add va type veth peer name vb"]);
    expect(indexes(s, "a")).toEqual(["1: lo", "2: vb", "3: va"]);
  });

  it("[LK4] across namespaces each end takes the next ifindex of its own namespace; names show @ifN", () => {
    const s = build(["a", "b"], ["a: ip link add d0 type dummy", "a: ip link add v0 type veth peer name eth0 netns b"]);
    expect(lines(out(s, "a: ip link show v0"))[0]).toMatch(/^3: v0@if2: /);
    expect(lines(out(s, "b: ip link show eth0"))[0]).toMatch(/^2: eth0@if3: /);
    expect(lines(out(s, "b: ip link show eth0"))[1]).toMatch(/ link-netns a$/);
  });

  const moved = exec(
    build(["a", "b", "c"], [
      "a: ip link add br0 type bridge",
      "a: ip link add v0 type veth peer name v1",
      "a: ip link set v0 master br0",
      "a: ip addr add 10.1.0.1/24 dev v0",
      "a: ip link set v0 up",
      "a: ip link set v1 up",
      "a: ip route add 10.2.0.0/16 dev v0",
      "b: ip link add x1 type dummy",
      "b: ip link add x2 type dummy",
      "b: ip link add x3 type dummy",
    ]),
    ["a: ip link set v0 netns c", "a: ip link add d9 type dummy", "a: ip link set d9 netns b"],
  );

  it("[LK5] a device moved to another namespace arrives DOWN, without its addresses, routes or master, keeping its ifindex", () => {
    const shown = lines(out(moved, "c: ip addr"));
    expect(shown[2]).toMatch(/^4: v0@if3: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN group default qlen 1000$/);
    expect(shown.some((l) => l.includes("inet "))).toBe(false);
    expect(out(moved, "c: ip route")).toBe("");
    expect(out(moved, "a: ip route")).toBe("");
    expect(out(moved, "a: ip addr")).not.toContain("10.1.0.1");
    expect(out(moved, "a: bridge link")).toBe("");
  });

  it("[LK5] the end left behind now names its peer @ifN in the other namespace", () => {
    expect(lines(out(moved, "a: ip link show v1"))[0]).toMatch(/^3: v1@if4: /);
    expect(lines(out(moved, "a: ip link show v1"))[1]).toMatch(/ link-netns c$/);
  });

  it("[LK5] a device whose ifindex is taken in the target gets a new one", () => {
    const b = indexes(moved, "b");
    expect(b.slice(0, 4)).toEqual(["1: lo", "2: x1", "3: x2", "4: x3"]);
    expect(b[4]).toMatch(/^\d+: d9$/);
    expect(Number(b[4]!.split(":")[0])).toBeGreaterThan(4);
  });

  it("[LK5] moving to a namespace that already has the name is refused", () => {
    const s = build(["a", "b"], ["a: ip link add eth0 type veth peer name eth0 netns b", "a: ip link add d0 type dummy", "b: ip link add d0 type dummy"]);
    expect(refusal(s, "a: ip link set d0 netns b").error).toBe("RTNETLINK answers: File exists");
  });

  it("[LK6] deleting one end of a veth pair deletes both, in one namespace or across two", () => {
    const s = build(["a", "b"], ["a: ip link add va type veth peer name vb", "a: ip link add v0 type veth peer name eth0 netns b"]);
    expect(indexes(exec(s, ["a: ip link del va"]), "a")).toEqual(["1: lo", "4: v0"]);
    const crossed = exec(s, ["b: ip link del eth0"]);
    expect(indexes(crossed, "b")).toEqual(["1: lo"]);
    expect(indexes(crossed, "a")).toEqual(["1: lo", "2: vb", "3: va"]);
  });

  it("[LK6] deleting a device takes its addresses and routes with it", () => {
    const s = build(["a"], ["a: ip link add d0 type dummy", "a: ip addr add 10.1.0.1/24 dev d0", "a: ip link set d0 up", "a: ip route add 10.2.0.0/16 via 10.1.0.2", "a: ip link del d0"]);
    expect(out(s, "a: ip route")).toBe("");
    expect(out(s, "a: ip route show table local")).toBe("");
  });
});

describe("[LO2] lo", () => {
  it("[LO2] bringing lo up gives it 127.0.0.1/8 scope host", () => {
    const s = build(["a"], ["a: ip link set lo up"]);
    expect(lines(out(s, "a: ip addr show lo"))).toEqual([
      "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000",
      "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00",
      "    inet 127.0.0.1/8 scope host lo",
      "       valid_lft forever preferred_lft forever",
    ]);
    expect(out(s, "a: ip route")).toBe("");
  });

  it("[LO2] down and up again does not add a second 127.0.0.1", () => {
    const s = build(["a"], ["a: ip link set lo up", "a: ip link set lo down", "a: ip link set lo up"]);
    expect(out(s, "a: ip addr show lo").match(/inet 127\.0\.0\.1\/8/g)).toHaveLength(1);
  });
});
