/**
 * The kernel harness against real network namespaces (needs root). The scenarios run
 * concurrently in beforeAll, since most of the time is spent waiting for probe timeouts.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ProbeSpec, Scenario, ScenarioResult, SetupItem } from "../../engine/scenario/types";
import { listNamespaces, processPrefix } from "../../server/kernel/namespaces";
import { DEFAULT_KERNEL_SAMPLES } from "../../engine/scenario/compare";
import { runScenarioInKernel } from "../../server/kernel/run-scenario";

const isRoot = process.getuid?.() === 0;
const MARKER = `/tmp/podpath-harness-test-${process.pid}`;

const ourNamespaces = () => listNamespaces().filter((name) => name.startsWith(processPrefix()));

/** HOST: LINE pairs, for short scenario literals. */
const lines = (...items: [string, string][]): SetupItem[] => items.map(([host, line]) => ({ host, line }));
const veth = (host: string, peerHost: string, address: string, peerAddress: string, dev = "eth0", peerDev = "eth0"): SetupItem[] =>
  lines(
    [host, `ip link add ${dev} type veth peer name ${peerDev} netns ${peerHost}`],
    [host, `ip addr add ${address} dev ${dev}`],
    [host, `ip link set ${dev} up`],
    [peerHost, `ip addr add ${peerAddress} dev ${peerDev}`],
    [peerHost, `ip link set ${peerDev} up`],
  );

const pair: Scenario = {
  name: "pair",
  hosts: [{ name: "a", role: "pod" }, { name: "b", role: "pod" }],
  setup: [
    ...veth("a", "b", "10.0.0.1/24", "10.0.0.2/24"),
    // With lo down, the ICMP error for a failed ARP cannot be delivered to the sender itself.
    ...lines(["a", "ip link set lo up"]),
    ...lines(["b", `iptables -A INPUT -p tcp --dport 7 -m comment --comment "drop port 7" -j DROP`]),
    ...lines(["a", "ip route add 10.9.0.0/16 via 192.168.5.5"]),
    ...lines(["a", `sh -c 'touch ${MARKER}'`]),
    ...lines(["a", "ping -c 1 10.0.0.2"]),
    ...lines(["a", "ip link add evil type veth peer name evil2 netns ghost"]),
    ...lines(["b", "iptables-restore --noflush\n*filter\n-A INPUT -p udp --dport 9 -j DROP\nCOMMIT\n"]),
  ],
  listen: { b: [{ proto: "tcp", port: 8080 }, { proto: "udp", port: 5353 }] },
  probes: [
    { id: "connect", from: "a", to: "10.0.0.2", proto: "tcp", port: 8080 },
    { id: "closed-port", from: "a", to: "10.0.0.2", proto: "tcp", port: 9090 },
    { id: "udp", from: "a", to: "10.0.0.2", proto: "udp", port: 5353 },
    { id: "ping", from: "a", to: "10.0.0.2", proto: "icmp" },
    { id: "no-neighbour", from: "a", to: "10.0.0.99", proto: "tcp", port: 8080 },
    { id: "no-route", from: "a", to: "192.168.1.1", proto: "tcp", port: 80 },
  ],
};

/** c - r - s with r's ip_forward left at the pinned 0. */
const router: Scenario = {
  name: "router",
  hosts: [{ name: "c", role: "pod" }, { name: "r", role: "router" }, { name: "s", role: "pod" }],
  setup: [
    ...veth("c", "r", "10.1.0.2/24", "10.1.0.1/24", "eth0", "eth0"),
    ...veth("s", "r", "10.2.0.2/24", "10.2.0.1/24", "eth0", "eth1"),
    ...lines(["c", "ip route add default via 10.1.0.1"], ["s", "ip route add default via 10.2.0.1"]),
  ],
  listen: { s: [{ proto: "tcp", port: 80 }] },
  probes: [{ id: "through-router", from: "c", to: "10.2.0.2", proto: "tcp", port: 80 }],
};

/** A fresh host's lo is down (SCENARIO.md), so the failed ARP's ICMP error never reaches the socket. */
const loDown: Scenario = {
  ...pair,
  name: "lo-down",
  setup: veth("a", "b", "10.0.0.1/24", "10.0.0.2/24"),
  probes: [{ id: "no-neighbour", from: "a", to: "10.0.0.99", proto: "tcp", port: 8080 }],
};

/** What a connected UDP socket learns from ICMP errors (udp(7): only "hard" errors are reported). */
const udpErrors: Scenario = {
  name: "udp-errors",
  hosts: [{ name: "a", role: "pod" }, { name: "b", role: "pod" }],
  setup: [
    ...veth("a", "b", "10.0.0.1/24", "10.0.0.2/24"),
    ...lines(["a", "ip link set lo up"], ["b", "iptables -A INPUT -p udp --dport 54 -j REJECT --reject-with icmp-host-prohibited"]),
  ],
  listen: {},
  probes: [
    { id: "closed-port", from: "a", to: "10.0.0.2", proto: "udp", port: 53 },
    { id: "prohibited", from: "a", to: "10.0.0.2", proto: "udp", port: 54 },
    { id: "no-neighbour", from: "a", to: "10.0.0.99", proto: "udp", port: 53 },
  ],
};

const twoEndpoints: Scenario = {
  name: "two-endpoints",
  hosts: [{ name: "c", role: "pod" }, { name: "s1", role: "pod" }, { name: "s2", role: "pod" }],
  setup: [
    ...veth("c", "s1", "10.1.0.1/24", "10.1.0.2/24", "eth1", "eth0"),
    ...veth("c", "s2", "10.2.0.1/24", "10.2.0.2/24", "eth2", "eth0"),
    ...lines(
      ["c", "iptables -t nat -A OUTPUT -d 10.96.0.10 -p tcp --dport 80 -m statistic --mode random --probability 0.5 -j DNAT --to-destination 10.1.0.2:8080"],
      ["c", "iptables -t nat -A OUTPUT -d 10.96.0.10 -p tcp --dport 80 -j DNAT --to-destination 10.2.0.2:8080"],
      ["c", "ip route add 10.96.0.0/16 dev eth1"],
      ["s1", "ip route add default via 10.1.0.1"],
      ["s2", "ip route add default via 10.2.0.1"],
    ),
  ],
  listen: { s1: [{ proto: "tcp", port: 8080 }], s2: [{ proto: "tcp", port: 8080 }] },
  probes: [
    { id: "svc", from: "c", to: "10.96.0.10", proto: "tcp", port: 80 },
    { id: "ping-s1", from: "c", to: "10.1.0.2", proto: "icmp" },
  ],
};

const results = new Map<string, ScenarioResult>();
const outcomesOf = (scenario: string, probe: string) => results.get(scenario)?.probes.find((entry) => entry.id === probe)?.outcomes;

describe.skipIf(!isRoot)("kernel harness (real network namespaces)", () => {
  beforeAll(async () => {
    const runs = await Promise.all([pair, router, loDown, udpErrors, twoEndpoints].map((scenario) => runScenarioInKernel(scenario)));
    for (const run of runs) results.set(run.scenario, run);
  }, 60_000);

  afterEach(() => {
    expect(ourNamespaces()).toEqual([]);
  });

  it("connects over a veth pair and reports what the server's socket saw", () => {
    expect(outcomesOf("pair", "connect")).toEqual([
      { result: "connected", server: "b", seenSrc: "10.0.0.1", seenDst: "10.0.0.2", seenPort: 8080, p: 1 },
    ]);
    expect(outcomesOf("pair", "udp")).toEqual([{ result: "reply", server: "b", seenSrc: "10.0.0.1", seenDst: "10.0.0.2", seenPort: 5353, p: 1 }]);
    expect(outcomesOf("pair", "ping")).toMatchObject([{ result: "reply", replyFrom: "10.0.0.2", p: 1 }]);
  });

  it("reports a closed port as refused (RST)", () => {
    expect(outcomesOf("pair", "closed-port")).toMatchObject([{ result: "refused", detail: "ECONNREFUSED", p: 1 }]);
  });

  it("reports a neighbour that never answers ARP as unreachable, and no route as unreachable", () => {
    expect(outcomesOf("pair", "no-neighbour")).toMatchObject([{ result: "unreachable", detail: "EHOSTUNREACH", p: 1 }]);
    expect(outcomesOf("pair", "no-route")).toMatchObject([{ result: "unreachable", detail: "ENETUNREACH", p: 1 }]);
  });

  it("gets no error for a failed ARP while the sender's lo is down: timeout", () => {
    expect(outcomesOf("lo-down", "no-neighbour")).toMatchObject([{ result: "timeout", p: 1 }]);
  });

  it("drops silently at a router with ip_forward=0: timeout", () => {
    expect(outcomesOf("router", "through-router")).toMatchObject([{ result: "timeout", p: 1 }]);
  });

  it("lists lines the kernel refused, with its error, and goes on", () => {
    expect(results.get("pair")?.refused).toContainEqual({ host: "a", line: "ip route add 10.9.0.0/16 via 192.168.5.5", error: "Error: Nexthop has invalid gateway." });
    // Lines after the refused one still ran: the quoted iptables comment and iptables-restore's stdin were accepted.
    const refusedLines = results.get("pair")?.refused?.map((entry) => entry.line) ?? [];
    expect(refusedLines.some((line) => line.startsWith("iptables"))).toBe(false);
  });

  it("refuses programs outside the allowed set and unknown netns names without running them", () => {
    const refused = results.get("pair")?.refused ?? [];
    expect(refused.find((entry) => entry.line.startsWith("sh "))?.error).toMatch(/^"sh" is not allowed in the kernel sandbox/);
    expect(refused.find((entry) => entry.line.startsWith("ping "))?.error).toMatch(/^"ping" is not allowed in the kernel sandbox/);
    expect(refused.find((entry) => entry.line.includes("netns ghost"))?.error).toBe('ip: "netns ghost" does not name a host of this scenario');
    expect(existsSync(MARKER)).toBe(false);
  });

  it("reports only hard ICMP errors to a UDP socket: a failed ARP is a timeout", () => {
    expect(outcomesOf("udp-errors", "closed-port")).toMatchObject([{ result: "refused", detail: "ECONNREFUSED", p: 1 }]);
    expect(outcomesOf("udp-errors", "prohibited")).toMatchObject([{ result: "unreachable", detail: "EHOSTUNREACH", p: 1 }]);
    expect(outcomesOf("udp-errors", "no-neighbour")).toMatchObject([{ result: "timeout", p: 1 }]);
  });

  it("samples random load balancing and reports frequencies", () => {
    const svc = outcomesOf("two-endpoints", "svc") ?? [];
    expect(svc.map((outcome) => outcome.result === "connected" && outcome.server)).toEqual(["s1", "s2"]);
    expect(svc[0]).toMatchObject({ seenSrc: "10.1.0.1", seenDst: "10.1.0.2", seenPort: 8080 });
    // The source address was chosen by the route to 10.96.0.10 (via eth1) before OUTPUT DNAT rerouted the packet.
    expect(svc[1]).toMatchObject({ seenSrc: "10.1.0.1", seenDst: "10.2.0.2", seenPort: 8080 });
    expect(svc.reduce((sum, outcome) => sum + outcome.p, 0)).toBeCloseTo(1, 9);
    for (const outcome of svc) expect(Number.isInteger(outcome.p * DEFAULT_KERNEL_SAMPLES)).toBe(true);
    expect(outcomesOf("two-endpoints", "ping-s1")).toMatchObject([{ result: "reply", replyFrom: "10.1.0.2", p: 1 }]);
  });

  it("sweeps namespaces left by a dead harness process, and only those", async () => {
    const exited = spawnSync("true");
    const deadPid = exited.pid;
    const orphan = `pp${deadPid}x1-orphan`;
    const notOurs = `pp${deadPid}-orphan`;
    spawnSync("ip", ["netns", "add", orphan]);
    spawnSync("ip", ["netns", "add", notOurs]);
    try {
      const run = await runScenarioInKernel({ name: "tiny", hosts: [{ name: "a", role: "node" }], setup: [], listen: {}, probes: [] });
      expect(run).toEqual({ scenario: "tiny", probes: [] });
      expect(listNamespaces()).not.toContain(orphan);
      expect(listNamespaces()).toContain(notOurs);
    } finally {
      spawnSync("ip", ["netns", "del", notOurs]);
      spawnSync("ip", ["netns", "del", orphan]);
    }
  });

  it("removes its namespaces when the harness process gets SIGTERM mid-run", async () => {
    const fixture = fileURLToPath(new URL("./fixtures/slow-kernel-run.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", fixture], { stdio: ["ignore", "pipe", "pipe"] });
    const childPrefix = `pp${child.pid}x`;
    const childNamespaces = () => listNamespaces().filter((name) => name.startsWith(childPrefix));
    const exit = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
    const deadline = Date.now() + 15_000;
    while (childNamespaces().length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(childNamespaces()).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill("SIGTERM");
    expect(await exit).toBe("SIGTERM");
    expect(childNamespaces()).toEqual([]);
  }, 30_000);
});
