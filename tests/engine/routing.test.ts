/** Routing rules RT, RO, RI, RP, SA and RG of engine/SPEC.md. */
import { describe, expect, it } from "vitest";
import { apply } from "../../engine/index";
import { build, dropReasons, drops, exec, lines, listen, macOf, out, probe, refusal } from "./build";
import { PAIR, PAIR_HOSTS, ROUTED, ROUTED_HOSTS } from "./topo";

/** `ip route get` on host a of PAIR plus extra lines: "via G dev D src S" as one string. */
const routeGet = (s: ReturnType<typeof build>, host: string, args: string): string => lines(out(s, `${host}: ip route get ${args}`))[0]!;

describe("[RT1] the local table", () => {
  it("[RT1] holds each address of the host as `local A dev D proto kernel scope host src A`, and 127.0.0.0/8 while lo is up", () => {
    const s = build(PAIR_HOSTS, PAIR);
    const local = lines(out(s, "a: ip route show table local"));
    expect(local).toContain("local 10.0.0.1 dev eth0 proto kernel scope host src 10.0.0.1 ");
    expect(local).toContain("local 127.0.0.0/8 dev lo proto kernel scope host src 127.0.0.1 ");
    expect(local).toContain("local 127.0.0.1 dev lo proto kernel scope host src 127.0.0.1 ");
    expect(out(s, "a: ip route")).not.toContain("local");
  });

  it("[RT1] any address in 127.0.0.0/8 is local once lo is up", () => {
    const s = build(PAIR_HOSTS, PAIR);
    expect(routeGet(s, "a", "127.3.4.5")).toBe("local 127.3.4.5 dev lo src 127.0.0.1 uid 0 ");
  });

  it("[RT1] an address with a prefix on lo makes its whole prefix local (fib_add_ifaddr: RTN_LOCAL for IFF_LOOPBACK)", () => {
    const s = exec(build(PAIR_HOSTS, PAIR), ["a: ip addr add 10.9.0.1/24 dev lo"]);
    expect(lines(out(s, "a: ip route show table local"))).toContain("local 10.9.0.0/24 dev lo proto kernel scope host src 10.9.0.1 ");
    expect(routeGet(s, "a", "10.9.0.77")).toBe("local 10.9.0.77 dev lo src 10.9.0.1 uid 0 ");
  });
});

describe("[RT2] local routes outlive their device going down", () => {
  const s = exec(build(PAIR_HOSTS, PAIR), [
    "b: ip link add dummy0 type dummy",
    "b: ip addr add 10.1.1.1/24 dev dummy0",
    "b: ip link set dummy0 up",
    "b: ip link set dummy0 down",
    "a: ip route add 10.1.1.0/24 via 10.0.0.2",
  ]);

  it("[RT2] the connected route goes with the device, the local route stays", () => {
    expect(out(s, "b: ip route")).not.toContain("10.1.1.0/24");
    expect(lines(out(s, "b: ip route show table local"))).toContain("local 10.1.1.1 dev dummy0 proto kernel scope host src 10.1.1.1 ");
    expect(routeGet(s, "b", "10.1.1.1")).toBe("local 10.1.1.1 dev lo src 10.1.1.1 uid 0 ");
  });

  it("[RT2] an address on a down device still answers from another device", () => {
    const r = probe(s, { from: "a", to: "10.1.1.1", proto: "icmp" });
    expect(r.outcome).toMatchObject({ result: "reply", replyFrom: "10.1.1.1" });
  });
});

describe("[RT3] route selection", () => {
  const s = build(PAIR_HOSTS, [
    ...PAIR,
    "a: ip route add 10.0.0.0/8 via 10.0.0.2",
    "a: ip route add 10.20.0.0/16 via 10.0.0.3",
    "a: ip route add 10.30.0.0/16 via 10.0.0.2 metric 100",
    "a: ip route add 10.30.0.0/16 via 10.0.0.3 metric 50",
    "a: ip route append 10.40.0.0/16 via 10.0.0.4",
    "a: ip route append 10.40.0.0/16 via 10.0.0.5",
    "a: ip route add 10.0.0.1/32 via 10.0.0.2",
  ]);

  it("[RT3] the longest prefix wins", () => {
    expect(routeGet(s, "a", "10.20.1.1")).toBe("10.20.1.1 via 10.0.0.3 dev eth0 src 10.0.0.1 uid 0 ");
    expect(routeGet(s, "a", "10.21.1.1")).toBe("10.21.1.1 via 10.0.0.2 dev eth0 src 10.0.0.1 uid 0 ");
    expect(routeGet(s, "a", "10.0.0.9")).toBe("10.0.0.9 dev eth0 src 10.0.0.1 uid 0 ");
  });

  it("[RT3] on a prefix tie, the lowest metric wins", () => {
    expect(routeGet(s, "a", "10.30.1.1")).toBe("10.30.1.1 via 10.0.0.3 dev eth0 src 10.0.0.1 uid 0 ");
  });

  it("[RT3] on a prefix and metric tie, the route added first wins", () => {
    expect(routeGet(s, "a", "10.40.1.1")).toBe("10.40.1.1 via 10.0.0.4 dev eth0 src 10.0.0.1 uid 0 ");
  });

  it("[RT3] the local table is consulted before main", () => {
    expect(routeGet(s, "a", "10.0.0.1")).toBe("local 10.0.0.1 dev lo src 10.0.0.1 uid 0 ");
  });
});

describe("[RT4] routes through a device without carrier", () => {
  const s = exec(build(PAIR_HOSTS, PAIR), ["b: ip link set eth0 down", "a: ip route add 10.5.0.0/16 via 10.0.0.2"]);

  it("[RT4] stay, can be added, and are shown `linkdown`", () => {
    expect(lines(out(s, "a: ip route"))).toEqual(["10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1 linkdown ", "10.5.0.0/16 via 10.0.0.2 dev eth0 linkdown "]);
  });

  it("[RT4] are still used (ignore_routes_with_linkdown=0): the packet is lost at the link", () => {
    expect(routeGet(s, "a", "10.5.0.9")).toBe("10.5.0.9 via 10.0.0.2 dev eth0 src 10.0.0.1 uid 0 ");
    const r = probe(s, { from: "a", to: "10.0.0.2", proto: "icmp" });
    expect(r.outcome.result).toBe("unreachable");
    expect(dropReasons(r.trace, "a")).toContain("PEER_DOWN");
  });
});

describe("[RT5] checks on a new route", () => {
  const s = exec(build(PAIR_HOSTS, PAIR), ["a: ip link add eth1 type veth peer name eth1 netns b", "a: ip link set eth1 up", "b: ip link set eth1 up"]);

  it("[RT5] `via G` takes the device of the connected route that reaches G; `dev`-only routes get scope link", () => {
    const t = exec(s, ["a: ip route add 10.5.0.0/16 via 10.0.0.2", "a: ip route add 10.6.0.0/16 dev eth1"]);
    const shown = lines(out(t, "a: ip route"));
    expect(shown).toContain("10.5.0.0/16 via 10.0.0.2 dev eth0 ");
    expect(shown).toContain("10.6.0.0/16 dev eth1 scope link ");
  });

  it("[RT5] `via G dev D` needs G reachable through D", () => {
    expect(refusal(s, "a: ip route add 10.5.0.0/16 via 10.0.0.2 dev eth1").error).toBe("Error: Nexthop has invalid gateway.");
    const viaDevRoute = exec(s, ["a: ip route add 172.16.0.0/24 dev eth1", "a: ip route add 10.5.0.0/16 via 172.16.0.9"]);
    expect(lines(out(viaDevRoute, "a: ip route"))).toContain("10.5.0.0/16 via 172.16.0.9 dev eth1 ");
  });

  it("[RT5] a gateway reachable only through another gateway is invalid (it needs a scope link route)", () => {
    const t = exec(s, ["a: ip route add 172.16.0.0/24 via 10.0.0.2"]);
    expect(refusal(t, "a: ip route add 10.5.0.0/16 via 172.16.0.9").error).toBe("Error: Nexthop has invalid gateway.");
  });

  it("[RT5] `via G dev D onlink` accepts a gateway no route reaches, but not a local one", () => {
    const t = exec(s, ["a: ip route add 10.5.0.0/16 via 192.168.99.1 dev eth0 onlink"]);
    expect(lines(out(t, "a: ip route"))).toContain("10.5.0.0/16 via 192.168.99.1 dev eth0 onlink ");
    expect(routeGet(t, "a", "10.5.0.1")).toBe("10.5.0.1 via 192.168.99.1 dev eth0 src 10.0.0.1 uid 0 ");
    expect(refusal(s, "a: ip route add 10.5.0.0/16 via 10.0.0.1 dev eth0 onlink").error).toBe("Error: Nexthop has invalid gateway.");
  });

  it("[RT5] `src` must be a local address, on any device", () => {
    const t = exec(s, ["a: ip route add 10.5.0.0/16 via 10.0.0.2 src 127.0.0.1"]);
    expect(lines(out(t, "a: ip route"))).toContain("10.5.0.0/16 via 10.0.0.2 dev eth0 src 127.0.0.1 ");
    expect(refusal(s, "a: ip route add 10.5.0.0/16 via 10.0.0.2 src 10.0.0.2").error).toBe("Error: Invalid prefsrc address.");
  });
});

describe("[RT6] add, replace, change, append", () => {
  const s = build(PAIR_HOSTS, [...PAIR, "a: ip route add 10.5.0.0/16 via 10.0.0.2"]);

  it("[RT6] a different metric is a different route", () => {
    const t = exec(s, ["a: ip route add 10.5.0.0/16 via 10.0.0.3 metric 10"]);
    expect(lines(out(t, "a: ip route")).filter((l) => l.startsWith("10.5.0.0/16"))).toEqual(["10.5.0.0/16 via 10.0.0.2 dev eth0 ", "10.5.0.0/16 via 10.0.0.3 dev eth0 metric 10 "]);
  });

  it("[RT6] replace swaps the route with the same prefix and metric, or adds one", () => {
    const t = exec(s, ["a: ip route replace 10.5.0.0/16 via 10.0.0.3", "a: ip route replace 10.6.0.0/16 via 10.0.0.4"]);
    const shown = lines(out(t, "a: ip route"));
    expect(shown.filter((l) => l.startsWith("10.5.0.0/16"))).toEqual(["10.5.0.0/16 via 10.0.0.3 dev eth0 "]);
    expect(shown).toContain("10.6.0.0/16 via 10.0.0.4 dev eth0 ");
  });

  it("[RT6] change rewrites an existing route and refuses a missing one", () => {
    const t = exec(s, ["a: ip route change 10.5.0.0/16 via 10.0.0.9"]);
    expect(lines(out(t, "a: ip route"))).toContain("10.5.0.0/16 via 10.0.0.9 dev eth0 ");
    expect(refusal(s, "a: ip route change 10.6.0.0/16 via 10.0.0.9").error).toBe("RTNETLINK answers: No such file or directory");
  });

  it("[RT6] append adds a second route with the same prefix and metric", () => {
    const t = exec(s, ["a: ip route append 10.5.0.0/16 via 10.0.0.3"]);
    expect(lines(out(t, "a: ip route")).filter((l) => l.startsWith("10.5.0.0/16"))).toHaveLength(2);
  });
});

describe("[RT7] [RT8] [RT9] connected routes and devices going down", () => {
  it("[RT7] the connected route reads `PREFIX dev D proto kernel scope link src A`, metric 0", () => {
    const s = build(PAIR_HOSTS, PAIR);
    expect(lines(out(s, "a: ip route"))).toEqual(["10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1 "]);
    expect(lines(out(s, "a: ip route show 10.0.0.0/24"))).toEqual(["10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1 "]);
    expect(refusal(s, "a: ip route add 10.0.0.0/24 dev eth0 metric 0").error).toBe("RTNETLINK answers: File exists");
  });

  it("[RT8] bringing a device up creates the connected routes of its primary addresses, down removes them, up brings them back", () => {
    const s = build(["a"], ["a: ip link add d0 type dummy", "a: ip addr add 10.1.0.1/24 dev d0", "a: ip addr add 10.1.0.2/24 dev d0", "a: ip addr add 10.2.0.1/16 dev d0"]);
    expect(out(s, "a: ip route")).toBe("");
    const up = exec(s, ["a: ip link set d0 up"]);
    expect(lines(out(up, "a: ip route"))).toEqual(["10.1.0.0/24 dev d0 proto kernel scope link src 10.1.0.1 ", "10.2.0.0/16 dev d0 proto kernel scope link src 10.2.0.1 "]);
    const down = exec(up, ["a: ip link set d0 down"]);
    expect(out(down, "a: ip route")).toBe("");
    expect(out(exec(down, ["a: ip link set d0 up"]), "a: ip route")).toBe(out(up, "a: ip route"));
  });

  it("[RT9] setting a device down removes every route through it, static ones too; they do not come back on up", () => {
    const s = build(PAIR_HOSTS, [...PAIR, "a: ip route add 10.5.0.0/16 via 10.0.0.2", "a: ip route add 10.6.0.0/16 dev eth0", "a: ip route add default via 10.0.0.2"]);
    const down = exec(s, ["a: ip link set eth0 down"]);
    expect(out(down, "a: ip route")).toBe("");
    const up = exec(down, ["a: ip link set eth0 up"]);
    expect(lines(out(up, "a: ip route"))).toEqual(["10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1 "]);
  });

  it("[RT9] routes through other devices are untouched", () => {
    const s = build(PAIR_HOSTS, [...PAIR, "a: ip link add d0 type dummy", "a: ip link set d0 up", "a: ip route add 10.6.0.0/16 dev d0", "a: ip link set eth0 down"]);
    expect(lines(out(s, "a: ip route"))).toEqual(["10.6.0.0/16 dev d0 scope link "]);
  });
});

describe("[RT10] ip route del", () => {
  const s = build(PAIR_HOSTS, [...PAIR, "a: ip route add 10.5.0.0/16 via 10.0.0.2 metric 10", "a: ip route add 10.5.0.0/16 via 10.0.0.3 metric 20"]);
  const fives = (t: typeof s): string[] => lines(out(t, "a: ip route")).filter((l) => l.startsWith("10.5.0.0/16"));

  it("[RT10] removes the route matching every attribute named", () => {
    expect(fives(exec(s, ["a: ip route del 10.5.0.0/16 metric 20"]))).toEqual(["10.5.0.0/16 via 10.0.0.2 dev eth0 metric 10 "]);
    expect(fives(exec(s, ["a: ip route del 10.5.0.0/16 via 10.0.0.3"]))).toEqual(["10.5.0.0/16 via 10.0.0.2 dev eth0 metric 10 "]);
  });

  it("[RT10] with only the prefix, removes the first one", () => {
    expect(fives(exec(s, ["a: ip route del 10.5.0.0/16"]))).toEqual(["10.5.0.0/16 via 10.0.0.3 dev eth0 metric 20 "]);
  });

  it("[RT10] refuses when nothing matches", () => {
    expect(refusal(s, "a: ip route del 10.5.0.0/16 metric 30").error).toBe("RTNETLINK answers: No such process");
  });
});

describe("[RO1] output route errors", () => {
  const s = build(PAIR_HOSTS, [
    ...PAIR,
    "a: ip route add unreachable 10.6.0.0/16",
    "a: ip route add prohibit 10.7.0.0/16",
    "a: ip route add blackhole 10.8.0.0/16",
  ]);

  it.each([
    ["10.5.0.1", "RTNETLINK answers: Network is unreachable", "unreachable"],
    ["10.6.0.1", "RTNETLINK answers: No route to host", "unreachable"],
    ["10.7.0.1", "RTNETLINK answers: Permission denied", "local-error"],
    ["10.8.0.1", "RTNETLINK answers: Invalid argument", "local-error"],
  ] as const)("[RO1] %s: ip route get says %s; a probe ends %s", (dst, error, result) => {
    expect(refusal(s, `a: ip route get ${dst}`).error).toBe(error);
    const r = probe(s, { from: "a", to: dst, proto: "tcp", port: 80 });
    expect(r.outcome.result).toBe(result);
    expect(r.trace.filter((e) => e.step === "tx")).toEqual([]);
  });

  it("[RO1] a 127.0.0.0/8 source may not leave through a non-loopback device (__mkroute_output: EINVAL)", () => {
    expect(refusal(s, "a: ip route get 10.0.0.2 from 127.0.0.1").error).toBe("RTNETLINK answers: Invalid argument");
    const r = probe(s, { from: "a", to: "10.0.0.2", proto: "icmp", src: "127.0.0.1" });
    expect(r.outcome.result).toBe("local-error");
    expect(r.trace.filter((e) => e.step === "tx")).toEqual([]);
  });

  it("[RO1] ... unless route_localnet is on for that device", () => {
    const t = exec(s, ["a: sysctl -w net.ipv4.conf.eth0.route_localnet=1"]);
    expect(routeGet(t, "a", "10.0.0.2 from 127.0.0.1")).toMatch(/^10\.0\.0\.2 from 127\.0\.0\.1 dev eth0 /);
    const r = probe(t, { from: "a", to: "10.0.0.2", proto: "icmp", src: "127.0.0.1" });
    expect(r.outcome.result).not.toBe("local-error");
    expect(r.trace.some((e) => e.step === "route" && e.host === "a" && e.decision === "output" && e.dev === "eth0")).toBe(true);
  });
});

describe("[RI1] input martians", () => {
  const s = build(ROUTED_HOSTS, ROUTED);

  it.each([
    ["127.0.0.1", "10.0.2.2"],
    ["224.0.0.5", "10.0.2.2"],
    ["255.255.255.255", "10.0.2.2"],
    ["0.1.2.3", "10.0.2.2"],
    ["10.0.1.2", "0.1.2.3"],
    ["10.0.1.2", "127.0.0.5"],
  ])("[RI1] from %s to %s arriving on eth0 is a martian: Invalid argument", (from, to) => {
    expect(refusal(s, `r: ip route get ${to} from ${from} iif eth0`).error).toBe("RTNETLINK answers: Invalid argument");
  });

  it("[RI1] a packet with a 127.0.0.1 source is dropped before any lookup (IP_INVALID_SOURCE)", () => {
    const t = exec(s, ["a: sysctl -w net.ipv4.conf.eth0.route_localnet=1", `a: ip neigh add 10.0.1.1 lladdr ${macOf(s, "r", "eth0")} dev eth0`]);
    const r = probe(t, { from: "a", to: "10.0.2.2", proto: "icmp", src: "127.0.0.1" });
    expect(r.outcome.result).toBe("timeout");
    expect(drops(r.trace, "r").map((d) => [d.reason, d.dev])).toContainEqual(["IP_INVALID_SOURCE", "eth0"]);
    expect(r.trace.some((e) => e.step === "forward")).toBe(false);
  });

  it("[RI1] [NB2] an ARP request from a martian sender is not answered either (arp_process routes it first)", () => {
    const t = exec(s, ["a: sysctl -w net.ipv4.conf.eth0.route_localnet=1"]);
    const r = probe(t, { from: "a", to: "10.0.2.2", proto: "icmp", src: "127.0.0.1" });
    expect(r.outcome.result).toBe("unreachable");
    expect(dropReasons(r.trace, "r")).toEqual(["IP_INVALID_SOURCE"]);
    expect(dropReasons(r.trace, "a")).toContain("NEIGH_FAILED");
  });
});

describe("[RI2] [RI3] [RI4] input routing", () => {
  const s = listen(build(ROUTED_HOSTS, ROUTED), "b", "tcp/8080");
  const off = exec(s, ["r: sysctl -w net.ipv4.ip_forward=0"]);

  it("[RI2] a local destination is delivered even with forwarding off, from any of the host's addresses", () => {
    const r = probe(off, { from: "a", to: "10.0.2.1", proto: "icmp" });
    expect(r.outcome).toMatchObject({ result: "reply", replyFrom: "10.0.2.1" });
  });

  it("[RI3] with ip_forward=0 a transit packet is dropped silently: no ICMP", () => {
    const r = probe(off, { from: "a", to: "10.0.2.2", proto: "tcp", port: 8080 });
    expect(r.outcome.result).toBe("timeout");
    expect(dropReasons(r.trace, "r")).toEqual(["IP_FORWARDING_DISABLED"]);
    expect(r.trace.filter((e) => e.step === "icmp-error")).toEqual([]);
  });

  it("[RI3] forwarding is read on the incoming device", () => {
    const t = exec(s, ["r: sysctl -w net.ipv4.conf.eth0.forwarding=0"]);
    expect(probe(t, { from: "a", to: "10.0.2.2", proto: "tcp", port: 8080 }).outcome.result).toBe("timeout");
    const back = exec(s, ["r: sysctl -w net.ipv4.conf.eth1.forwarding=0"]);
    expect(probe(back, { from: "a", to: "10.0.2.2", proto: "tcp", port: 8080 }).outcome.result).toBe("timeout");
    expect(probe(s, { from: "a", to: "10.0.2.2", proto: "tcp", port: 8080 }).outcome).toMatchObject({ result: "connected", server: "b", seenSrc: "10.0.1.2", seenDst: "10.0.2.2", seenPort: 8080 });
  });

  it.each([
    ["", "10.0.3.5", "Destination Net Unreachable"],
    ["r: ip route add unreachable 10.0.3.0/24", "10.0.3.5", "Destination Host Unreachable"],
    ["r: ip route add prohibit 10.0.3.0/24", "10.0.3.5", "Packet filtered"],
  ])("[RI4] forwarding on, `%s`: %s gets ICMP %s from the router", (line, to, text) => {
    const t = line ? exec(s, [line]) : s;
    const r = probe(t, { from: "a", to, proto: "icmp" });
    expect(r.outcome.result).toBe("unreachable");
    expect(r.outcome.detail).toContain(text);
    expect(r.outcome.detail).toContain("10.0.1.1");
  });

  it("[RI4] a blackhole route drops silently", () => {
    const r = probe(exec(s, ["r: ip route add blackhole 10.0.3.0/24"]), { from: "a", to: "10.0.3.5", proto: "icmp" });
    expect(r.outcome.result).toBe("timeout");
    expect(dropReasons(r.trace, "r")).toEqual(["BLACKHOLE"]);
  });

  it("[RG1] ip route get iif ... from ...: the input path, forwarding off is `No route to host`", () => {
    expect(routeGet(s, "r", "10.0.2.2 from 10.0.1.2 iif eth0")).toBe("10.0.2.2 from 10.0.1.2 dev eth1 iif eth0 ");
    expect(refusal(off, "r: ip route get 10.0.2.2 from 10.0.1.2 iif eth0").error).toBe("RTNETLINK answers: No route to host");
    expect(lines(out(off, "r: ip route get 10.0.2.1 from 10.0.1.2 iif eth0"))).toEqual(["local 10.0.2.1 from 10.0.1.2 dev lo table local ", "    cache <local> iif eth0 "]);
    expect(refusal(s, "r: ip route get 10.0.3.5 from 10.0.1.2 iif eth0").error).toBe("RTNETLINK answers: Network is unreachable");
  });
});

/**
 * n: eth0 192.168.50.11 and eth1 192.168.51.11 to p (.12 on each), dummy0 10.244.0.1/24.
 * p sends to 10.244.0.1 from its eth0 address but over eth1; n's route back leaves eth0.
 */
const RPF_HOSTS = ["n", "p"];
const RPF = [
  "n: ip link set lo up",
  "p: ip link set lo up",
  "n: ip link add eth0 type veth peer name eth0 netns p",
  "n: ip link add eth1 address 02:00:00:00:51:11 type veth peer name eth1 netns p",
  "n: ip addr add 192.168.50.11/24 dev eth0",
  "n: ip addr add 192.168.51.11/24 dev eth1",
  "n: ip link set eth0 up",
  "n: ip link set eth1 up",
  "n: ip link add dummy0 type dummy",
  "n: ip addr add 10.244.0.1/24 dev dummy0",
  "n: ip link set dummy0 up",
  "p: ip addr add 192.168.50.12/24 dev eth0",
  "p: ip addr add 192.168.51.12/24 dev eth1",
  "p: ip link set eth0 up",
  "p: ip link set eth1 up",
  "p: ip route add 10.244.0.0/24 via 192.168.51.11",
];
/** Without this, ARP is what strict rp_filter stops first ([RP3]); with it the TCP SYN meets the check. */
const PIN = "p: ip neigh add 192.168.51.11 lladdr 02:00:00:00:51:11 dev eth1 nud permanent";
const asym = (extra: readonly string[]) => listen(build(RPF_HOSTS, [...RPF, PIN, ...extra]), "n", "tcp/10250");
const spoofish = { from: "p", to: "10.244.0.1", proto: "tcp", port: 10250, src: "192.168.50.12" } as const;

describe("[RP1] [RP2] [RP3] [SY3] reverse path filtering", () => {
  it("[RP1] rp_filter 0: an asymmetric path is accepted", () => {
    expect(probe(asym([]), spoofish).outcome).toMatchObject({ result: "connected", server: "n", seenSrc: "192.168.50.12", seenDst: "10.244.0.1" });
  });

  it("[RP1] rp_filter 0: a source that is one of this host's own addresses is a martian, unless accept_local", () => {
    const base = exec(build(["a", "b"], [
      "a: ip link set lo up",
      "b: ip link set lo up",
      "a: ip link add eth0 type veth peer name eth0 netns b address 02:00:00:00:00:0b",
      "a: ip addr add 10.0.0.1/24 dev eth0",
      "a: ip addr add 10.9.9.9/32 dev eth0",
      "a: ip link set eth0 up",
      "a: ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:0b dev eth0",
      "b: ip addr add 10.0.0.2/24 dev eth0",
      "b: ip link set eth0 up",
      "b: ip link add d0 type dummy",
      "b: ip addr add 10.9.9.9/32 dev d0",
    ]), []);
    const martian = probe(base, { from: "a", to: "10.0.0.2", proto: "icmp", src: "10.9.9.9" });
    expect(martian.outcome.result).toBe("timeout");
    expect(dropReasons(martian.trace, "b")).toContain("IP_INVALID_SOURCE");
    const accepted = probe(exec(base, ["b: sysctl -w net.ipv4.conf.eth0.accept_local=1"]), { from: "a", to: "10.0.0.2", proto: "icmp", src: "10.9.9.9" });
    expect(dropReasons(accepted.trace, "b")).not.toContain("IP_INVALID_SOURCE");
    expect(accepted.trace.some((e) => e.step === "deliver" && e.host === "b" && e.pkt.dst === 0x0a000002)).toBe(true);
  });

  it("[RP2] rp_filter 1 (strict): the route back to the source must leave through the incoming device", () => {
    const r = probe(asym(["n: sysctl -w net.ipv4.conf.all.rp_filter=1"]), spoofish);
    expect(r.outcome.result).toBe("timeout");
    expect(drops(r.trace, "n").map((d) => [d.reason, d.dev])).toEqual([["IP_RPFILTER", "eth1"]]);
  });

  it("[RP2] rp_filter 1: a source the incoming device routes passes", () => {
    const r = probe(asym(["n: sysctl -w net.ipv4.conf.all.rp_filter=1"]), { ...spoofish, src: "192.168.51.12" });
    expect(r.outcome).toMatchObject({ result: "connected", seenSrc: "192.168.51.12" });
  });

  it("[RP2] a device without addresses fails the check whenever rp_filter is on, loose included", () => {
    const noAddr = RPF.filter((l) => !l.startsWith("n: ip addr add 192.168.51.11"));
    const loose = listen(build(RPF_HOSTS, [...noAddr, PIN, "n: sysctl -w net.ipv4.conf.all.rp_filter=2"]), "n", "tcp/10250");
    const r = probe(loose, spoofish);
    expect(r.outcome.result).toBe("timeout");
    expect(dropReasons(r.trace, "n")).toEqual(["IP_RPFILTER"]);
    const off = listen(build(RPF_HOSTS, [...noAddr, PIN]), "n", "tcp/10250");
    expect(probe(off, spoofish).outcome.result).toBe("connected");
  });

  it("[RP3] rp_filter 2 (loose): any unicast route back will do", () => {
    expect(probe(asym(["n: sysctl -w net.ipv4.conf.all.rp_filter=2"]), spoofish).outcome.result).toBe("connected");
  });

  it("[RP3] loose rp_filter still drops a source with no route back at all", () => {
    const r = probe(asym(["n: sysctl -w net.ipv4.conf.all.rp_filter=2", "p: ip addr add 172.31.0.1/32 dev eth1"]), { ...spoofish, src: "172.31.0.1" });
    expect(r.outcome.result).toBe("timeout");
    expect(dropReasons(r.trace, "n")).toEqual(["IP_RPFILTER"]);
  });

  it.each([
    ["0", "1", "timeout"],
    ["1", "0", "timeout"],
    ["2", "1", "connected"],
    ["1", "2", "connected"],
    ["0", "2", "connected"],
  ])("[SY3] conf.all.rp_filter=%s, conf.eth1.rp_filter=%s: max(all, dev) is in force → %s", (all, dev, result) => {
    const s = asym([`n: sysctl -w net.ipv4.conf.all.rp_filter=${all}`, `n: sysctl -w net.ipv4.conf.eth1.rp_filter=${dev}`]);
    expect(probe(s, spoofish).outcome.result).toBe(result);
  });

  it("[RP3] ARP requests go through the same check: strict rp_filter silences ARP", () => {
    const s = listen(build(RPF_HOSTS, [...RPF, "n: sysctl -w net.ipv4.conf.all.rp_filter=1"]), "n", "tcp/10250");
    const r = probe(s, spoofish);
    expect(r.outcome.result).toBe("unreachable");
    expect(dropReasons(r.trace, "n")).toEqual(["IP_RPFILTER"]);
    expect(dropReasons(r.trace, "p")).toContain("NEIGH_FAILED");
    expect(lines(out(r.state, "p: ip neigh"))).toContain("192.168.51.11 dev eth1 FAILED ");
  });

  it("[RG1] ip route get iif: strict rp_filter refusals read `Invalid cross-device link`", () => {
    const s = asym(["n: sysctl -w net.ipv4.conf.all.rp_filter=1"]);
    expect(refusal(s, "n: ip route get 10.244.0.1 from 192.168.50.12 iif eth1").error).toBe("RTNETLINK answers: Invalid cross-device link");
    expect(routeGet(s, "n", "10.244.0.1 from 192.168.50.12 iif eth0")).toBe("local 10.244.0.1 from 192.168.50.12 dev lo table local ");
  });
});

describe("[SA1] source address selection", () => {
  const s = build(PAIR_HOSTS, [
    ...PAIR,
    "a: ip addr add 10.0.0.5/24 dev eth0",
    "a: ip addr add 192.168.7.1/24 dev eth0",
    "a: ip route add 10.7.0.0/16 via 10.0.0.2 src 10.0.0.5",
    "a: ip route add 10.8.0.0/16 via 192.168.7.254",
    "a: ip route add 10.9.0.0/16 dev eth0",
  ]);

  it("[SA1] the route's src wins", () => {
    expect(routeGet(s, "a", "10.7.1.1")).toBe("10.7.1.1 via 10.0.0.2 dev eth0 src 10.0.0.5 uid 0 ");
  });

  it("[SA1] else the first primary address of the device, preferring the gateway's subnet", () => {
    expect(routeGet(s, "a", "10.8.1.1")).toBe("10.8.1.1 via 192.168.7.254 dev eth0 src 192.168.7.1 uid 0 ");
    expect(routeGet(s, "a", "10.9.1.1")).toBe("10.9.1.1 dev eth0 src 10.0.0.1 uid 0 ");
  });

  it("[SA1] a bound address is used as it is; ip route get ... from A then prints no src", () => {
    const r = probe(s, { from: "a", to: "10.0.0.2", proto: "icmp", src: "10.0.0.5" });
    expect(r.outcome).toMatchObject({ result: "reply", replyFrom: "10.0.0.2" });
    const sent = r.trace.find((e) => e.step === "send");
    expect(sent?.pkt.src).toBe(0x0a000005);
    expect(routeGet(s, "a", "10.0.0.2 from 10.0.0.5")).toBe("10.0.0.2 from 10.0.0.5 dev eth0 uid 0 ");
  });

  it("[SA1] a device without a fitting address borrows the first global primary of any device, lo first", () => {
    const t = exec(s, ["a: ip link add eth1 type veth peer name eth1 netns b", "a: ip link set eth1 up", "b: ip link set eth1 up", "a: ip route add 10.6.0.0/16 dev eth1"]);
    expect(routeGet(t, "a", "10.6.1.1")).toBe("10.6.1.1 dev eth1 src 10.0.0.1 uid 0 ");
    const lo = exec(t, ["a: ip addr add 10.99.0.1/32 dev lo"]);
    expect(routeGet(lo, "a", "10.6.1.1")).toBe("10.6.1.1 dev eth1 src 10.99.0.1 uid 0 ");
  });

  it("[SA1] a bound address that is not local cannot be used", () => {
    const r = probe(s, { from: "a", to: "10.0.0.2", proto: "icmp", src: "10.0.0.77" });
    expect(r.outcome.result).toBe("local-error");
    expect(apply(s, "a", "ip route get 10.0.0.2 from 10.0.0.77").ok).toBe(false);
  });
});
