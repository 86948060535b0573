/**
 * flannel's generated lines, applied by the engine, must leave node n1 looking as the kernel's
 * node n1 in shared/reference: routes, the VTEP device, its neighbour and FDB entries.
 */
import { describe, expect, it } from "vitest";
import { referenceSection } from "../reference";
import { applyBuild, built, show } from "./apply-build";
import { referenceCluster } from "./fixtures";

const trimEnd = (lines: readonly string[]): string[] => lines.map((l) => l.trimEnd());

describe("flannel vxlan backend", () => {
  const build = built(referenceCluster("vxlan"));
  const { state } = applyBuild(build);
  const n1 = build.stages.flannel.filter((i) => i.host === "n1").map((i) => i.line);

  it("creates flannel.1 with VNI 1, the node IP, eth0, UDP 8472, no learning, a fixed MAC and mtu 1450", () => {
    expect(n1[0]).toBe("ip link add flannel.1 address 0e:00:0a:f4:00:00 mtu 1450 type vxlan id 1 local 192.168.50.1 dev eth0 dstport 8472 nolearning");
    const ref = referenceSection("ip -d link show (n1)", "vxlan");
    const refVtep = ref.slice(ref.findIndex((l) => l.startsWith("6: flannel.1:")), ref.findIndex((l) => l.startsWith("6: flannel.1:")) + 3);
    const link = show(state, "n1", "ip -d link show dev flannel.1");
    expect(link[0]).toBe(refVtep[0]!.trimEnd());
    expect(refVtep[1]!.startsWith(link[1]!.trimEnd())).toBe(true);
    expect(refVtep[2]).toContain("vxlan id 1 local 192.168.50.1 dev eth0 srcport 0 0 dstport 8472 nolearning");
    expect(refVtep[2]!.startsWith(link[2]!.trimEnd())).toBe(true);
  });

  it("holds the podCIDR's network address as /32 on flannel.1", () => {
    expect(n1[1]).toBe("ip addr add 10.244.0.0/32 dev flannel.1");
    expect(show(state, "n1", "ip addr show dev flannel.1")).toContain("    inet 10.244.0.0/32 scope global flannel.1");
  });

  it("has the reference's routes: the remote podCIDR via the remote VTEP, onlink", () => {
    expect(n1).toContain("ip route add 10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink");
    expect(trimEnd(show(state, "n1", "ip route"))).toEqual(trimEnd(referenceSection("ip route (n1)", "vxlan")));
  });

  it("has the reference's permanent neighbour entry for the remote VTEP", () => {
    expect(n1).toContain("ip neigh replace 10.244.1.0 lladdr 0e:00:0a:f4:01:00 dev flannel.1 nud permanent");
    const permanent = referenceSection("ip neigh (n1)", "vxlan").filter((l) => l.includes("PERMANENT"));
    expect(trimEnd(show(state, "n1", "ip neigh show dev flannel.1").map((l) => l.replace(/^(\S+) /, "$1 dev flannel.1 ")))).toEqual(trimEnd(permanent));
  });

  it("has the reference's FDB entry sending the remote VTEP MAC to the remote node IP", () => {
    expect(n1).toContain("bridge fdb append 0e:00:0a:f4:01:00 dev flannel.1 dst 192.168.50.2 self permanent");
    const ref = referenceSection("bridge fdb show (n1)", "vxlan").filter((l) => l.includes("flannel.1"));
    expect(show(state, "n1", "bridge fdb show").filter((l) => l.includes("flannel.1"))).toEqual(ref);
  });

  it("gives cni0, the pod veths and the pods mtu 1450, as the reference", () => {
    const bridgeLinks = show(state, "n1", "bridge link").map((l) => l.replace(/veth[0-9a-f]{8}/, "VETH"));
    expect(trimEnd(bridgeLinks)).toEqual(trimEnd(referenceSection("bridge link (n1)", "vxlan").map((l) => l.replace(/veth-n1[ab]/, "VETH"))));
    expect(show(state, "n1a", "ip link show dev eth0")[0]).toContain("mtu 1450");
  });

  it("takes the VTEP mtu from the underlay's: 9000 gives 8950", () => {
    const jumbo = built(referenceCluster("vxlan", { underlay: { kind: "switch", host: "ul", prefixLen: 24, mtu: 9000 } }));
    expect(jumbo.stages.flannel[0]!.line).toContain(" mtu 8950 type vxlan");
    expect(jumbo.stages.cni.map((i) => i.line)).toContain("ip link add cni0 mtu 8950 type bridge");
    expect(jumbo.stages.underlay.map((i) => i.line)).toContain("ip link add port1 mtu 9000 type veth peer name eth0 mtu 9000 netns n1");
  });
});

describe("flannel host-gw backend", () => {
  const build = built(referenceCluster("host-gw"));
  const { state } = applyBuild(build);

  it("routes each remote podCIDR via that node's IP on eth0, as the reference", () => {
    expect(build.stages.flannel.filter((i) => !i.line.startsWith("iptables")).map((i) => `${i.host}: ${i.line}`)).toEqual([
      "n1: ip route add 10.244.1.0/24 via 192.168.50.2 dev eth0",
      "n2: ip route add 10.244.0.0/24 via 192.168.50.1 dev eth0",
    ]);
    expect(trimEnd(show(state, "n1", "ip route"))).toEqual(trimEnd(referenceSection("ip route (n1)", "hostgw")));
  });

  it("leaves pods the reference's routes and the bridge ports mtu 1500 with hairpin on", () => {
    expect(trimEnd(show(state, "n1a", "ip route"))).toEqual(trimEnd(referenceSection("ip route (pod n1a)", "hostgw")));
    const ports = show(state, "n1", "ip -d link show").filter((l) => l.includes("bridge_slave"));
    expect(ports).toHaveLength(2);
    expect(ports.every((l) => l.includes(" hairpin on "))).toBe(true);
  });

  it("writes FLANNEL-POSTRTG for the node's own podCIDR", () => {
    const n2 = build.stages.flannel.find((i) => i.host === "n2" && i.line.startsWith("iptables-restore"))!.line;
    expect(n2).toContain(`-A FLANNEL-POSTRTG -s 10.244.1.0/24 -d 10.244.0.0/16 -m comment --comment "flanneld masq" -j RETURN`);
    expect(n2).toContain(`-A FLANNEL-POSTRTG ! -s 10.244.0.0/16 -d 10.244.1.0/24 -m comment --comment "flanneld masq" -j RETURN`);
  });
});
