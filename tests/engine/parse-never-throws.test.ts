/**
 * parseCommand and apply never throw: every problem is an `{ok:false}` with words, and a refused
 * line leaves the state it was given exactly as it was ([SC1]).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apply, parseCommand } from "../../engine/index";
import type { NetState } from "../../engine/index";
import { build } from "./build";

const BASE: NetState = build(
  ["node1", "node2", { name: "pod-a", role: "pod", node: "node1" }],
  [
    "node1: ip link set lo up",
    "node1: sysctl -w net.ipv4.ip_forward=1",
    "node1: ip link add eth0 type veth peer name eth0 netns node2",
    "node1: ip addr add 192.168.50.1/24 dev eth0",
    "node1: ip link set eth0 up",
    "node2: ip addr add 192.168.50.2/24 dev eth0",
    "node2: ip link set eth0 up",
    "node1: ip link add cni0 type bridge",
    "node1: ip addr add 10.244.0.1/24 dev cni0",
    "node1: ip link set cni0 up",
    "node1: ip link add veth-a type veth peer name eth0 netns pod-a",
    "node1: ip link set veth-a master cni0",
    "node1: ip link set veth-a up",
    "node1: ip link add dummy0 type dummy",
    "node1: ip link add flannel.1 type vxlan id 1 dev eth0 local 192.168.50.1 dstport 8472 nolearning",
    "node1: ip route add 10.244.1.0/24 via 192.168.50.2",
    "node1: ip neigh add 192.168.50.9 lladdr 02:00:00:00:00:09 dev eth0 nud permanent",
    "pod-a: ip addr add 10.244.0.2/24 dev eth0",
    "pod-a: ip link set eth0 up",
    "pod-a: ip route add default via 10.244.0.1",
  ],
);
const BASE_JSON = JSON.stringify(BASE);
const HOSTS = ["node1", "node2", "pod-a"] as const;

const KEYWORDS = [
  "ip", "ip", "ip", "bridge", "sysctl", "link", "addr", "address", "a", "route", "r", "neigh", "n", "l", "add", "del", "delete",
  "set", "show", "s", "replace", "change", "append", "prepend", "flush", "get", "dev", "via", "onlink", "metric", "master",
  "nomaster", "up", "down", "mtu", "fdb", "link", "-w", "-n", "-d", "-j", "-4", "type", "veth", "bridge", "dummy", "vxlan",
  "peer", "name", "netns", "lladdr", "nud", "permanent", "static", "self", "dst", "src", "scope", "proto", "table", "iif",
  "from", "to", "default", "blackhole", "unreachable", "prohibit", "hairpin", "learning", "flood", "on", "off", "id", "local",
  "dstport", "address", "brd", "+", "label", "secondary", "all", "kernel", "link", "host", "global", "exact", "root", "match",
];
const DEVICES = ["eth0", "cni0", "veth-a", "dummy0", "flannel.1", "lo", "x", "eth1", "abcdefghijklmnopq"];
const NUMBERS = ["0", "1", "2", "8", "24", "32", "33", "68", "1500", "65535", "65536", "-1", "0x10", "4294967296", "99999999999999999999"];
const ADDRESSES = ["10.244.0.1", "10.244.0.0/24", "10.244.1.0/24", "192.168.50.2", "192.168.50.1/24", "0.0.0.0/0", "127.0.0.1", "10.1", "010.1.1.1", "1.2.3.4/33", "255.255.255.255", "10.0.0.1/8"];
const MACS = ["02:00:00:00:00:01", "ff:ff:ff:ff:ff:ff", "0:1:2:3:4:5", "02:00:00:00:00", "zz:00:00:00:00:00"];
const SYSCTLS = ["net.ipv4.ip_forward=1", "net.ipv4.ip_forward", "net.ipv4.conf.all.rp_filter=2", "net.ipv4.conf.eth0.rp_filter=9", "net.ipv4.conf.flannel/1.forwarding=1", "net.ipv4.conf.nope.rp_filter=1", "kernel.foo=1", "=1", "a=", "net.ipv4.conf.default.proxy_arp=1"];
const QUOTED = ['"eth0"', "'cni0'", '"unterminated', "'x", "a\\ b", '""', "''", "#", "x;y", "$(id)", "a|b", "`x`", "\\"];

const token = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...KEYWORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...DEVICES) },
  { weight: 2, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 3, arbitrary: fc.constantFrom(...ADDRESSES) },
  { weight: 1, arbitrary: fc.constantFrom(...MACS) },
  { weight: 1, arbitrary: fc.constantFrom(...SYSCTLS) },
  { weight: 1, arbitrary: fc.constantFrom(...HOSTS) },
  { weight: 1, arbitrary: fc.constantFrom(...QUOTED) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);

/** A line that starts with a real tool and object more often than not. */
const soup = fc
  .tuple(fc.constantFrom("ip", "ip", "bridge", "sysctl", "", "ifconfig"), fc.array(token, { maxLength: 12 }))
  .map(([tool, rest]) => [tool, ...rest].filter((t, i) => i > 0 || t !== "").join(" "));

const VALID = [
  "ip link add veth-x type veth peer name eth1 netns node2",
  "ip link add br1 type bridge",
  "ip link add d1 mtu 9000 type dummy",
  "ip link set eth0 down",
  "ip link set dummy0 up",
  "ip link set dummy0 master cni0",
  "ip link set veth-a nomaster",
  "ip link set eth0 mtu 1400",
  "ip link set dummy0 name dummy9",
  "ip link set dummy0 address 02:00:00:00:00:42",
  "ip link set veth-a type bridge_slave hairpin on",
  "ip link set dummy0 netns pod-a",
  "ip link del veth-a",
  "ip -d link show",
  "ip addr add 10.9.0.1/24 dev dummy0",
  "ip addr add 192.168.50.7/24 dev eth0",
  "ip addr del 192.168.50.1/24 dev eth0",
  "ip addr flush dev cni0",
  "ip addr show dev eth0",
  "ip route add 10.8.0.0/16 via 192.168.50.2 metric 10",
  "ip route add 10.7.0.0/16 dev eth0 src 192.168.50.1",
  "ip route add 10.6.0.0/16 via 10.9.9.9 dev eth0 onlink",
  "ip route replace default via 192.168.50.2",
  "ip route append 10.244.1.0/24 via 192.168.50.2",
  "ip route del 10.244.1.0/24",
  "ip route add blackhole 10.5.0.0/16",
  "ip route flush dev eth0",
  "ip route get 10.244.1.5",
  "ip route get 10.244.0.2 from 192.168.50.2 iif eth0",
  "ip route show table local",
  "ip neigh add 192.168.50.3 lladdr 02:00:00:00:00:03 dev eth0",
  "ip neigh replace 192.168.50.9 lladdr 02:00:00:00:00:0a dev eth0 nud permanent",
  "ip neigh del 192.168.50.9 dev eth0",
  "ip neigh flush dev eth0",
  "bridge fdb add 02:00:00:00:00:77 dev veth-a master static",
  "bridge fdb append 00:00:00:00:00:00 dev flannel.1 dst 192.168.50.2 self permanent",
  "bridge fdb show br cni0",
  "bridge link set dev veth-a hairpin on learning off",
  "bridge link show",
  "sysctl -w net.ipv4.ip_forward=1",
  "sysctl -w net.ipv4.conf.all.rp_filter=2 net.ipv4.conf.eth0.rp_filter=1",
  "sysctl net.ipv4.conf.flannel/1.forwarding",
  "sysctl -a",
];

type Mutation =
  | { op: "drop"; at: number }
  | { op: "dup"; at: number }
  | { op: "swap"; a: number; b: number }
  | { op: "char"; at: number; c: string }
  | { op: "insert"; at: number; c: string }
  | { op: "truncate"; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("drop" as const), at: fc.nat(20) }),
  fc.record({ op: fc.constant("dup" as const), at: fc.nat(20) }),
  fc.record({ op: fc.constant("swap" as const), a: fc.nat(20), b: fc.nat(20) }),
  fc.record({ op: fc.constant("char" as const), at: fc.nat(120), c: fc.constantFrom("0", "9", ".", "/", ":", "-", " ", "x", '"', "'", "\\", "#", "\t", "é") }),
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(120), c: fc.constantFrom("0", "/", ".", " ", "-", "a", ":") }),
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat(120) }),
);

function mutate(line: string, m: Mutation): string {
  const words = line.split(" ");
  const i = (n: number, len: number): number => (len === 0 ? 0 : n % len);
  switch (m.op) {
    case "drop":
      return words.filter((_, k) => k !== i(m.at, words.length)).join(" ");
    case "dup": {
      const k = i(m.at, words.length);
      return [...words.slice(0, k + 1), words[k] ?? "", ...words.slice(k + 1)].join(" ");
    }
    case "swap": {
      const a = i(m.a, words.length);
      const b = i(m.b, words.length);
      const w = [...words];
      [w[a], w[b]] = [w[b]!, w[a]!];
      return w.join(" ");
    }
    case "char": {
      const k = i(m.at, line.length);
      return line.slice(0, k) + m.c + line.slice(k + 1);
    }
    case "insert": {
      const k = i(m.at, line.length + 1);
      return line.slice(0, k) + m.c + line.slice(k);
    }
    case "truncate":
      return line.slice(0, i(m.at, line.length + 1));
  }
}

const mutated = fc.tuple(fc.constantFrom(...VALID), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([line, ms]) => ms.reduce(mutate, line));

/** parseCommand returns a result; a failure has a non-empty message. */
function checkParse(line: string): void {
  const r = parseCommand(line);
  expect(typeof r.ok).toBe("boolean");
  if (!r.ok) {
    expect(typeof r.error.message).toBe("string");
    expect(r.error.message.trim()).not.toBe("");
  }
}

/** apply returns a result, never mutates its input, and a refusal has words. */
function checkApply(host: string, line: string): void {
  const r = apply(BASE, host, line);
  expect(JSON.stringify(BASE)).toBe(BASE_JSON);
  if (r.ok) {
    expect(typeof r.output).toBe("string");
    expect(r.state.hosts[host]).toBeDefined();
  } else {
    expect(typeof r.error).toBe("string");
    expect(r.error.trim()).not.toBe("");
    if (r.column !== undefined) {
      expect(r.column).toBeGreaterThanOrEqual(0);
      expect(r.column).toBeLessThanOrEqual(line.length);
    }
  }
}

describe("parsing and applying never throw", () => {
  it("every valid line used for mutation is accepted by the base state", () => {
    for (const line of VALID) {
      const r = apply(BASE, "node1", line);
      expect(r.ok ? "ok" : r.error, line).toBe("ok");
    }
  });

  it("[SC1] parseCommand and apply never throw on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.constantFrom(...HOSTS), (line, host) => {
        checkParse(line);
        checkApply(host, line);
      }),
      { numRuns: 400 },
    );
  });

  it("[SC1] parseCommand and apply never throw on token soups of real keywords, numbers, addresses, MACs and quotes", () => {
    fc.assert(
      fc.property(soup, fc.constantFrom(...HOSTS), (line, host) => {
        checkParse(line);
        checkApply(host, line);
      }),
      { numRuns: 1500 },
    );
  });

  it("[SC1] parseCommand and apply never throw on mutated valid command lines", () => {
    fc.assert(
      fc.property(mutated, fc.constantFrom(...HOSTS), (line, host) => {
        checkParse(line);
        checkApply(host, line);
      }),
      { numRuns: 1500 },
    );
  });

  it("[SC1] a refused line returns no state and leaves the given state unchanged", () => {
    for (const line of ["ip link set nosuch up", "ip addr add 10.0.0.1/24 dev nosuch", "ip route add 10.244.1.0/24 via 192.168.50.2", "ip route add 10.1.0.0/16 via 1.2.3.4", "sysctl -w net.ipv4.conf.eth0.rp_filter=3", "ip link add eth0 type dummy"]) {
      const r = apply(BASE, "node1", line);
      expect(r.ok, line).toBe(false);
      expect("state" in r, line).toBe(false);
      expect(JSON.stringify(BASE)).toBe(BASE_JSON);
    }
  });

  it("[LK5] namespace and host names that are also Object.prototype keys are refused, not crashed on", () => {
    for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      const lines = [`ip link set dummy0 netns ${name}`, `ip link add v9 type veth peer name v10 netns ${name}`];
      for (const line of lines) {
        let r: ReturnType<typeof apply> | undefined;
        expect(() => {
          r = apply(BASE, "node1", line);
        }, line).not.toThrow();
        expect(r?.ok, line).toBe(false);
        if (r && !r.ok) expect(r.error).toContain(name);
      }
      let onHost: ReturnType<typeof apply> | undefined;
      expect(() => {
        onHost = apply(BASE, name, "ip addr");
      }, `host ${name}`).not.toThrow();
      expect(onHost?.ok, `host ${name}`).toBe(false);
    }
    expect(JSON.stringify(BASE)).toBe(BASE_JSON);
  });
});
