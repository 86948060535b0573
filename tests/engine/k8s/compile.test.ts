/**
 * compileCluster: hosts, stage order, listeners, validation, and every generated line accepted by
 * the engine's `apply` (iptables-restore once the engine runs it), with pod-to-pod traffic
 * crossing nodes without NAT in the engine.
 */
import { describe, expect, it } from "vitest";
import { apply, clusterScenario, compileCluster, createState, runScenario } from "../../../engine/index";
import { applyBuild, built } from "./apply-build";
import { referenceCluster } from "./fixtures";

const engineRunsRestore = apply(createState([{ name: "x", role: "node" }]), "x", "iptables-restore --noflush\n*nat\nCOMMIT\n").ok;

describe("compileCluster", () => {
  for (const backend of ["host-gw", "vxlan"] as const) {
    for (const chains of ["used", "all"] as const) {
      const build = built(referenceCluster(backend, { options: { kubeProxyChains: chains } }));
      const { refused } = applyBuild(build);

      it(`${backend}/${chains}: the engine accepts every ip, bridge and sysctl line`, () => {
        expect(refused.filter((r) => !r.line.startsWith("iptables-restore"))).toEqual([]);
      });

      it.runIf(engineRunsRestore)(`${backend}/${chains}: the engine accepts every iptables-restore item`, () => {
        expect(refused).toEqual([]);
      });
    }
  }

  it("lists the switch, each node followed by its pods, then external hosts, with their roles", () => {
    expect(built(referenceCluster("host-gw")).hosts).toEqual([
      { name: "ul", role: "router" },
      { name: "n1", role: "node" },
      { name: "n1a", role: "pod", node: "n1" },
      { name: "n1b", role: "pod", node: "n1" },
      { name: "n2", role: "node" },
      { name: "n2a", role: "pod", node: "n2" },
      { name: "n2b", role: "pod", node: "n2" },
      { name: "client", role: "external" },
    ]);
  });

  it("runs the stages in bring-up order: underlay, CNI, flannel, kube-proxy", () => {
    const b = built(referenceCluster("vxlan"));
    expect(b.setup).toEqual([...b.stages.underlay, ...b.stages.cni, ...b.stages.flannel, ...b.stages.kubeProxy]);
    expect(b.stages.cni[0]).toEqual({ host: "n1", line: "sysctl -w net.ipv4.ip_forward=1" });
    expect(b.stages.cni).toContainEqual({ host: "n2", line: "sysctl -w net.bridge.bridge-nf-call-iptables=1" });
  });

  it("makes each pod listen on its container ports", () => {
    const b = built(referenceCluster("host-gw", { pods: [{ name: "dns", node: "n1", ip: "10.244.0.9", ports: [{ containerPort: 53, protocol: "UDP" }, { containerPort: 53 }] }, { name: "quiet", node: "n2", ip: "10.244.1.9" }] }));
    expect(b.listen).toEqual({ dns: [{ proto: "udp", port: 53 }, { proto: "tcp", port: 53 }] });
  });

  it("sets hairpin only with hairpinMode", () => {
    const off = built(referenceCluster("host-gw", { options: { hairpinMode: false } }));
    expect(off.setup.some((i) => i.line.includes("hairpin"))).toBe(false);
    const on = built(referenceCluster("host-gw"));
    const veth = on.cluster.pods[0]!.veth;
    expect(on.stages.cni).toContainEqual({ host: "n1", line: `bridge link set dev ${veth} hairpin on` });
  });

  it("gives nodes a default route via the switch's gateway address when there is one", () => {
    const b = built(referenceCluster("host-gw", { underlay: { kind: "switch", host: "ul", prefixLen: 24, gateway: "192.168.50.254" } }));
    expect(b.stages.underlay).toContainEqual({ host: "ul", line: "ip addr add 192.168.50.254/24 dev br0" });
    expect(b.stages.underlay).toContainEqual({ host: "n2", line: "ip route add default via 192.168.50.254" });
  });

  it("wires two nodes straight with one veth pair on a direct underlay", () => {
    const b = built(referenceCluster("host-gw", { underlay: { kind: "direct", prefixLen: 24 }, externals: [] }));
    expect(b.hosts.some((h) => h.role === "router")).toBe(false);
    expect(b.stages.underlay).toContainEqual({ host: "n1", line: "ip link add eth0 type veth peer name eth0 netns n2" });
    expect(applyBuild(b).refused.filter((r) => !r.line.startsWith("iptables"))).toEqual([]);
  });

  it("reports every problem of a wrong description, with where", () => {
    const r = compileCluster(referenceCluster("host-gw", {
      clusterCIDR: "10.244.0.1/16",
      nodes: [
        { name: "n1", nodeIP: "192.168.50.1", podCIDR: "10.244.0.0/24" },
        { name: "n2", nodeIP: "192.168.60.2", podCIDR: "10.244.0.0/25" },
      ],
      pods: [{ name: "p", node: "n3", ip: "10.244.0.5" }, { name: "q", node: "n1", ip: "10.244.1.5" }],
      services: [{ name: "s", type: "ClusterIP", clusterIP: "10.244.0.10", ports: [{ port: 80, nodePort: 30001 }], selector: {} }],
    }));
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors).toContain("clusterCIDR: \"10.244.0.1/16\" has host bits set (the network is 10.244.0.0/16)");
    expect(errors).toContain("nodes[1].nodeIP: \"192.168.60.2\" is not on the underlay subnet of nodes[0].nodeIP (/24)");
    expect(errors).toContain("nodes[1].podCIDR: 10.244.0.0/25 overlaps n1's 10.244.0.0/24");
    expect(errors).toContain("pods[0].node: \"n3\" is not a node of this cluster");
    expect(errors).toContain("pods[1].ip: \"10.244.1.5\" is not in n1's podCIDR 10.244.0.0/24");
    expect(errors).toContain("services[0].clusterIP: \"10.244.0.10\" is not in serviceCIDR 10.96.0.0/12");
    expect(errors).toContain("services[0].ports[0].nodePort: only type NodePort has one");
  });

  it("refuses an underlay address inside the cluster CIDR, and a cluster without nodes", () => {
    const inside = compileCluster(referenceCluster("host-gw", { externals: [{ name: "client", ip: "10.244.9.9" }] }));
    expect(inside.ok ? [] : inside.errors).toContain('externals[0].ip: "10.244.9.9" is inside clusterCIDR 10.244.0.0/16');
    const empty = compileCluster(referenceCluster("host-gw", { nodes: [], pods: [], underlay: { kind: "switch", host: "ul", prefixLen: 24 } }));
    expect(empty.ok ? [] : empty.errors).toContain("nodes: a cluster needs at least one node");
  });
});

describe("the built cluster carries pod traffic across nodes without NAT (engine)", () => {
  const cases = [
    ["host-gw over a switch", referenceCluster("host-gw")],
    ["vxlan over a switch", referenceCluster("vxlan")],
    ["host-gw over a direct veth", referenceCluster("host-gw", { underlay: { kind: "direct", prefixLen: 24 }, externals: [] })],
  ] as const;
  for (const [title, desc] of cases) {
    it(title, () => {
      const scenario = clusterScenario(built(desc), {
        name: "k8s-pod-to-pod",
        probes: [
          { id: "a-to-b", from: "n1a", to: "10.244.1.3", proto: "tcp", port: 8080 },
          { id: "b-to-a", from: "n2b", to: "10.244.0.2", proto: "tcp", port: 8080 },
        ],
      });
      const result = runScenario(scenario);
      expect(result.probes.map((p) => p.outcomes.map((o) => ({ ...o, p: undefined })))).toEqual([
        [{ result: "connected", server: "n2b", seenSrc: "10.244.0.2", seenDst: "10.244.1.3", seenPort: 8080, p: undefined }],
        [{ result: "connected", server: "n1a", seenSrc: "10.244.1.3", seenDst: "10.244.0.2", seenPort: 8080, p: undefined }],
      ]);
    });
  }
});
