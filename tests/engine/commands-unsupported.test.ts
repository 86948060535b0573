/** Tools and options PodPath does not run are refused by name, with a column at the word to blame. */
import { describe, expect, it } from "vitest";
import { build, refusal } from "./build";

const S = build(["a"], ["a: ip link set lo up", "a: ip link add eth0 type dummy", "a: ip link set eth0 up", "a: ip addr add 10.0.0.1/24 dev eth0"]);

describe("unsupported tools and options", () => {
  it.each([
    ["ifconfig eth0", "ifconfig"],
    ["ip6tables -t nat -L", "ip6tables"],
    ["nft list ruleset", "nft"],
    ["iptables-legacy -L", "iptables-legacy"],
    ["route -n", "route"],
    ["brctl show", "brctl"],
    ["ping 10.0.0.2", "ping"],
  ])("%s is refused by name", (line, tool) => {
    const r = refusal(S, `a: ${line}`);
    expect(r.error).toContain(tool);
    expect(r.column).toBe(0);
  });

  it("ip -j (JSON output) is refused, naming the option and pointing at it", () => {
    const r = refusal(S, "a: ip -j addr");
    expect(r.error).toContain("-j");
    expect(r.column).toBe(3);
  });

  it("ip -6 is refused: PodPath models IPv4 only", () => {
    const r = refusal(S, "a: ip -6 route");
    expect(r.error).toContain("-6");
    expect(r.column).toBe(3);
  });

  it("ip rule (policy routing) is refused by name, pointing at the object", () => {
    const r = refusal(S, "a: ip rule add from 10.0.0.0/8 lookup 100");
    expect(r.error).toContain("ip rule");
    expect(r.column).toBe(3);
  });

  it.each([
    ["ip netns add x", "netns", 3],
    ["ip link add m0 type macvlan", "macvlan", "ip link add m0 type ".length],
    ["ip route add 10.1.0.0/16 dev eth0 table 100", "table 100", "ip route add 10.1.0.0/16 dev eth0 table ".length],
    ["ip route add local 10.1.0.0/16 dev eth0", "local", "ip route add ".length],
    ["ip route add 10.1.0.0/16 dev eth0 mtu 1400", "mtu", "ip route add 10.1.0.0/16 dev eth0 ".length],
    ["ip addr add 10.0.0.2/24 peer 10.0.0.3 dev eth0", "peer", "ip addr add 10.0.0.2/24 ".length],
    ["bridge vlan show", "vlan", "bridge ".length],
  ] as const)("%s is refused naming %s", (line, word, column) => {
    const r = refusal(S, `a: ${line}`);
    expect(r.error).toContain(word);
    expect(r.column).toBe(column);
  });

  it("[SY4] a sysctl key PodPath does not model is refused by name, pointing at the key", () => {
    const r = refusal(S, "a: sysctl -w net.ipv4.tcp_syncookies=1");
    expect(r.error).toContain("net.ipv4.tcp_syncookies");
    expect(r.column).toBe("sysctl -w ".length);
  });

  it("shell syntax is refused at the character: one command per line", () => {
    const r = refusal(S, "a: ip a; ip r");
    expect(r.column).toBe(4);
    expect(r.error).toContain(";");
    expect(refusal(S, "a: ip route | grep eth0").column).toBe(9);
    expect(refusal(S, 'a: ip link show "eth0').column).toBe(13);
  });

  it("an unknown object or command names the word and points at it", () => {
    const o = refusal(S, "a: ip bogus");
    expect(o.error).toBe('Object "bogus" is unknown, try "ip help".');
    expect(o.column).toBe(3);
    const c = refusal(S, "a: ip route frob");
    expect(c.error).toBe('Command "frob" is unknown, try "ip route help".');
    expect(c.column).toBe("ip route ".length);
  });
});
