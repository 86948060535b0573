/**
 * What the show commands print, line by line against the kernel's output in the reference file
 * (MACs aside), and the layout details of iproute2: trailing spaces, flags, field order.
 */
import { describe, expect, it } from "vitest";
import { build, exec, lines, out, probe } from "./build";
import { hostgw, hostgwLinks, referenceSection, shape, vxlanLinks, words } from "./reference";

const S = hostgw();

/** Split `ip link`/`ip addr` output into per-device blocks keyed by name (without @peer). */
function blocks(text: readonly string[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  let cur: string[] = [];
  for (const l of text) {
    const head = /^\d+: ([^:@]+)[@:]/.exec(l);
    if (head) m.set(head[1]!, (cur = []));
    cur.push(l);
  }
  return m;
}

/** Is `sub` an ordered subsequence of `full`? */
function isSubsequence(sub: readonly string[], full: readonly string[]): boolean {
  let i = 0;
  for (const w of full) if (i < sub.length && sub[i] === w) i++;
  return i === sub.length;
}

/** The value after each key word, first occurrence. */
function keyValues(ws: readonly string[]): Map<string, string> {
  const m = new Map<string, string>();
  ws.forEach((w, i) => {
    if (!m.has(w) && i + 1 < ws.length) m.set(w, ws[i + 1]!);
  });
  return m;
}

/** Each of our lines uses only the kernel's words, in its order, with the kernel's value after each key. */
function expectSameWords(ours: readonly string[], ref: readonly string[], what: string): void {
  expect(ours.length, what).toBe(ref.length);
  ours.forEach((line, i) => {
    const o = words(line);
    const r = words(ref[i]!);
    expect(isSubsequence(o, r), `${what} line ${i + 1}:\n  ours: ${line}\n  kernel: ${ref[i]}`).toBe(true);
    const ov = keyValues(o);
    const rv = keyValues(r);
    for (const k of KEYS) if (ov.has(k) && rv.has(k)) expect(`${k} ${ov.get(k)}`, `${what} line ${i + 1}`).toBe(`${k} ${rv.get(k)}`);
  });
}

const KEYS = ["mtu", "qdisc", "master", "state", "mode", "group", "qlen", "link-netns", "brd", "promiscuity", "allmulti", "minmtu", "maxmtu", "forward_delay", "hello_time", "max_age", "ageing_time", "stp_state", "priority", "vlan_filtering", "nf_call_iptables", "cost", "hairpin", "learning", "flood", "id", "local", "dev", "dstport", "ttl", "ageing"];

describe("printers against the kernel's reference output (node n1 of a host-gw cluster)", () => {
  it("ip route (n1): connected routes `proto kernel scope link src`, the gateway route, each line ending in a space", () => {
    expect(lines(out(S, "n1: ip route"))).toEqual(referenceSection("ip route (n1)"));
  });

  it("ip route (pod n1a): `default via G dev eth0 ` first", () => {
    expect(lines(out(S, "n1a: ip route"))).toEqual(referenceSection("ip route (pod n1a)"));
  });

  it("ip addr (n1): the same lines as the kernel's, IPv6 lines aside", () => {
    const ref = referenceSection("ip addr (n1)");
    const ipv4Only = ref.filter((l, i) => !l.trim().startsWith("inet6") && !(l.includes("valid_lft") && ref[i - 1]?.trim().startsWith("inet6")));
    expect(lines(out(S, "n1: ip addr")).map(shape)).toEqual(ipv4Only.map(shape));
  });

  const refDetails = blocks(referenceSection("ip -d link show (n1)"));
  const ourDetails = blocks(lines(out(S, "n1: ip -d link show")));

  it("ip -d link show (n1) lists the same devices with the same number of lines each", () => {
    expect([...ourDetails.keys()]).toEqual([...refDetails.keys()]);
    for (const [dev, ref] of refDetails) expect(ourDetails.get(dev)?.length, dev).toBe(ref.length);
  });

  it.each(["lo", "eth0", "cni0", "veth-n1a", "veth-n1b"])("ip -d link show (n1) %s: every word printed is the kernel's, in its order, with its value", (dev) => {
    expectSameWords(ourDetails.get(dev)!, refDetails.get(dev)!, dev);
  });

  it("ip neigh (n1) after probes resolved ARP: `IP dev D lladdr MAC REACHABLE `", () => {
    const ours = lines(out(S, "n1: ip neigh")).map(shape).sort();
    expect(ours).toEqual(referenceSection("ip neigh (n1)").map(shape).sort());
  });

  it("bridge fdb show (n1): learned entries (trailing space) then each port's own MAC as permanent", () => {
    const ref = referenceSection("bridge fdb show (n1)").filter((l) => l.includes(" master "));
    expect(ref).toHaveLength(4);
    expect(lines(out(S, "n1: bridge fdb show")).map(shape)).toEqual(ref.map(shape));
  });

  it("bridge link (n1): `master cni0 state forwarding priority 32 cost 2 `; hairpin shows only with -d", () => {
    expect(lines(out(S, "n1: bridge link")).map(shape)).toEqual(referenceSection("bridge link (n1)").map(shape));
  });
});

describe("printers against the kernel's reference output (node n1 of a VXLAN cluster)", () => {
  const V = vxlanLinks();

  it("ip route (n1): the flannel route reads `via 10.244.1.0 dev flannel.1 onlink `", () => {
    expect(lines(out(V, "n1: ip route"))).toEqual(referenceSection("ip route (n1)", "vxlan"));
  });

  it("ip neigh: the permanent VTEP neighbour reads as the kernel's", () => {
    const ref = referenceSection("ip neigh (n1)", "vxlan").filter((l) => l.includes("flannel.1"));
    expect(ref).toHaveLength(1);
    expect(lines(out(V, "n1: ip neigh"))).toEqual(ref);
  });

  it("bridge fdb show: the VXLAN entry reads as the kernel's", () => {
    const ref = referenceSection("bridge fdb show (n1)", "vxlan").filter((l) => l.includes("flannel.1"));
    expect(lines(out(V, "n1: bridge fdb show dev flannel.1"))).toEqual(ref);
  });

  it("ip -d link show flannel.1: the vxlan line has the kernel's words, order and values", () => {
    const ref = blocks(referenceSection("ip -d link show (n1)", "vxlan")).get("flannel.1")!;
    const ours = lines(out(V, "n1: ip -d link show flannel.1"));
    expectSameWords(ours.slice(1), ref.slice(1), "flannel.1");
  });

  it("ip addr show flannel.1: the /32 address line", () => {
    const ref = blocks(referenceSection("ip addr (n1)", "vxlan")).get("flannel.1")!;
    expect(lines(out(V, "n1: ip addr show flannel.1")).slice(1).map(shape)).toEqual(ref.slice(1, 4).map(shape));
  });

  it("a vxlan device's header ends in `qlen 1000` like every other device's (ip link and ip addr)", () => {
    const refLink = blocks(referenceSection("ip -d link show (n1)", "vxlan")).get("flannel.1")![0];
    const refAddr = blocks(referenceSection("ip addr (n1)", "vxlan")).get("flannel.1")![0];
    expect(lines(out(V, "n1: ip link show flannel.1"))[0]).toBe(refLink);
    expect(lines(out(V, "n1: ip addr show flannel.1"))[0]).toBe(refAddr);
  });
});

describe("printer layout details", () => {
  it("[RG1] ip route get: `DST via G dev D src S uid 0 ` then `    cache `", () => {
    expect(out(S, "n1: ip route get 10.244.1.3")).toBe("10.244.1.3 via 192.168.50.2 dev eth0 src 192.168.50.1 uid 0 \n    cache \n");
    expect(out(S, "n1: ip route get 10.244.0.3")).toBe("10.244.0.3 dev cni0 src 10.244.0.1 uid 0 \n    cache \n");
    expect(out(S, "n1: ip route get 10.244.0.1")).toBe("local 10.244.0.1 dev lo src 10.244.0.1 uid 0 \n    cache <local> \n");
  });

  it("[RT4] ip route marks routes through a device without carrier `linkdown`, after metric and onlink", () => {
    const s = exec(S, ["n1: ip route add 10.5.0.0/16 via 192.168.60.1 dev eth0 onlink metric 7", "ul: ip link set v-n1 down"]);
    expect(lines(out(s, "n1: ip route"))).toEqual([
      "10.5.0.0/16 via 192.168.60.1 dev eth0 metric 7 onlink linkdown ",
      "10.244.0.0/24 dev cni0 proto kernel scope link src 10.244.0.1 ",
      "10.244.1.0/24 via 192.168.50.2 dev eth0 linkdown ",
      "192.168.50.0/24 dev eth0 proto kernel scope link src 192.168.50.1 linkdown ",
    ]);
  });

  it("ip route prints types, dev-only scope link routes and metrics the iproute2 way", () => {
    const s = exec(S, ["n1: ip route add blackhole 10.6.0.0/16", "n1: ip route add 10.7.0.0/16 dev cni0", "n1: ip route add 10.8.0.0/16 via 192.168.50.2 metric 100", "n1: ip route add unreachable 10.9.0.0/16"]);
    const shown = lines(out(s, "n1: ip route"));
    expect(shown).toContain("blackhole 10.6.0.0/16 ");
    expect(shown).toContain("10.7.0.0/16 dev cni0 scope link ");
    expect(shown).toContain("10.8.0.0/16 via 192.168.50.2 dev eth0 metric 100 ");
    expect(shown).toContain("unreachable 10.9.0.0/16 ");
  });

  it("[NB1] ip neigh: a failed resolution shows `IP dev D FAILED ` without lladdr", () => {
    const r = probe(S, { from: "n1", to: "10.244.0.77", proto: "icmp" });
    expect(lines(out(r.state, "n1: ip neigh"))).toContain("10.244.0.77 dev cni0 FAILED ");
  });

  it("[NB1] ip neigh in a pod after its first probe: the gateway REACHABLE with the bridge's MAC", () => {
    const r = probe(hostgwLinks(), { from: "n1a", to: "10.244.0.1", proto: "icmp" });
    const cni0 = /link\/ether (\S+)/.exec(out(r.state, "n1: ip link show cni0"))![1]!;
    expect(lines(out(r.state, "n1a: ip neigh"))).toContain(`10.244.0.1 dev eth0 lladdr ${cni0} REACHABLE `);
  });

  it("[BR4] bridge fdb show: static entries say `static`, VXLAN entries `dst IP self permanent`", () => {
    const s = exec(S, [
      "n1: bridge fdb add 02:00:00:00:00:55 dev veth-n1a master static",
      "n1: ip link add flannel.1 type vxlan id 1 dev eth0 local 192.168.50.1 dstport 8472 nolearning",
      "n1: bridge fdb append 0a:00:00:00:00:02 dev flannel.1 dst 192.168.50.2 self permanent",
    ]);
    const shown = lines(out(s, "n1: bridge fdb show"));
    expect(shown).toContain("02:00:00:00:00:55 dev veth-n1a master cni0 static");
    expect(shown).toContain("0a:00:00:00:00:02 dev flannel.1 dst 192.168.50.2 self permanent");
  });

  it("sysctl KEY prints `KEY = VALUE`; -n only the value", () => {
    expect(out(S, "n1a: sysctl net.ipv4.ip_forward")).toBe("net.ipv4.ip_forward = 0\n");
    expect(out(S, "n1: sysctl net.ipv4.ip_forward")).toBe("net.ipv4.ip_forward = 1\n");
    expect(out(S, "n1: sysctl -n net.ipv4.conf.eth0.rp_filter")).toBe("0\n");
    expect(out(S, "n1: sysctl -w net.ipv4.conf.all.rp_filter=2")).toBe("net.ipv4.conf.all.rp_filter = 2\n");
  });

  it("[NS1] a fresh namespace: lo DOWN, `qdisc noop`, no addresses, routes or neighbours", () => {
    const s = build(["x"]);
    expect(lines(out(s, "x: ip link"))).toEqual([
      "1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000",
      "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00",
    ]);
    expect(lines(out(s, "x: ip addr"))).toEqual([
      "1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN group default qlen 1000",
      "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00",
    ]);
    expect(out(s, "x: ip route")).toBe("");
    expect(out(s, "x: ip neigh")).toBe("");
    expect(out(s, "x: ip route show table local")).toBe("");
  });

  it("a device that was up and is set down keeps its qdisc (`noqueue`); only a never-up or moved device shows `noop`", () => {
    const s = build(["a", "b"], ["a: ip link set lo up", "a: ip link add d0 type dummy", "a: ip link set d0 up", "a: ip link set d0 down", "a: ip link set lo down"]);
    expect(lines(out(s, "a: ip link show d0"))[0]).toBe("2: d0: <BROADCAST,MULTICAST> mtu 1500 qdisc noqueue state DOWN mode DEFAULT group default qlen 1000");
    expect(lines(out(s, "a: ip link show lo"))[0]).toBe("1: lo: <LOOPBACK> mtu 65536 qdisc noqueue state DOWN mode DEFAULT group default qlen 1000");
    const moved = exec(s, ["a: ip link set d0 netns b"]);
    expect(lines(out(moved, "b: ip link show d0"))[0]).toBe("2: d0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000");
  });

  it("[LK3] a veth whose peer (in another namespace) is down: NO-CARRIER, state LOWERLAYERDOWN", () => {
    const s = build(["a", "b"], ["a: ip link add eth0 type veth peer name eth0 netns b", "a: ip link set eth0 up"]);
    expect(lines(out(s, "a: ip link show eth0"))[0]).toBe("2: eth0@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state LOWERLAYERDOWN mode DEFAULT group default qlen 1000");
  });

  it("[LK3] a bridge with no port up: NO-CARRIER and state DOWN; a dummy up: state UNKNOWN", () => {
    const s = build(["a"], ["a: ip link add br0 type bridge", "a: ip link set br0 up", "a: ip link add d0 type dummy", "a: ip link set d0 up"]);
    expect(out(s, "a: ip link show br0")).toMatch(/^2: br0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN mode DEFAULT group default qlen 1000\n/);
    expect(out(s, "a: ip link show d0")).toMatch(/^3: d0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\n/);
  });

  it("[LK4] a veth pair inside one namespace is named `peer@other`, without link-netns", () => {
    const s = build(["a"], ["a: ip link add va type veth peer name vb"]);
    const shown = lines(out(s, "a: ip link"));
    expect(shown[2]).toMatch(/^2: vb@va: /);
    expect(shown[4]).toMatch(/^3: va@vb: /);
    expect(shown[3]).toMatch(/^ {4}link\/ether [0-9a-f:]{17} brd ff:ff:ff:ff:ff:ff$/);
    expect(shown[5]).toMatch(/^ {4}link\/ether [0-9a-f:]{17} brd ff:ff:ff:ff:ff:ff$/);
  });

  it("[LK3] a veth whose peer in the same namespace is down is flagged M-DOWN (iproute2 looks the peer up locally)", () => {
    const s = build(["a"], ["a: ip link add va type veth peer name vb", "a: ip link set va up"]);
    expect(lines(out(s, "a: ip link"))[4]).toBe("3: va@vb: <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> mtu 1500 qdisc noqueue state LOWERLAYERDOWN mode DEFAULT group default qlen 1000");
  });
});
