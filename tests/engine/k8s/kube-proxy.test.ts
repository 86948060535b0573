/**
 * kube-proxy's generated rules: node n1 of the reference cluster must read, after flannel's and
 * kube-proxy's restores, exactly as the kernel's iptables-save in shared/reference (statistic
 * matches aside: the reference used --mode nth, kube-proxy uses --mode random).
 */
import { describe, expect, it } from "vitest";
import { compileCluster, type ClusterBuild, type ClusterDesc } from "../../../engine/index";
import { referenceSection } from "../reference";
import { referenceCluster, SOLO, WEB } from "./fixtures";
import { restore, save, type Tables } from "./save-emulator";

function built(desc: ClusterDesc): ClusterBuild {
  const r = compileCluster(desc);
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.build;
}

/** iptables-save of one node after every restore item of the build ran on it. */
function saved(build: ClusterBuild, node: string, table: "nat" | "filter" | "mangle"): string[] {
  const tables: Tables = new Map();
  for (const item of build.setup) if (item.host === node && item.line.startsWith("iptables-restore")) restore(tables, item.line);
  return save(tables, table);
}

/** The ":" and "-A" lines of one table in a reference file's iptables-save section. */
function referenceTable(file: "hostgw" | "vxlan", table: "nat" | "filter"): string[] {
  const lines = referenceSection("iptables-save (node n1)", file);
  const start = lines.indexOf(`*${table}`);
  const end = lines.indexOf("COMMIT", start);
  return lines.slice(start + 1, end).filter((l) => l.startsWith(":") || l.startsWith("-A"));
}

const noStatistic = (line: string): string => line.replace(/ -m statistic --mode \S+ (--probability \S+|--every \d+ --packet \d+)/, "");
const kubeProxyItem = (build: ClusterBuild, node: string): string =>
  build.stages.kubeProxy.find((i) => i.host === node && i.line.startsWith("iptables-restore"))!.line;

describe("kube-proxy on the reference cluster equals the kernel's iptables-save", () => {
  for (const file of ["hostgw", "vxlan"] as const) {
    const build = built(referenceCluster(file === "hostgw" ? "host-gw" : "vxlan"));
    for (const table of ["nat", "filter"] as const) {
      it(`${file}: *${table} of node n1, line for line`, () => {
        expect(saved(build, "n1", table).map(noStatistic)).toEqual(referenceTable(file, table).map(noStatistic));
      });
    }
  }

  it("balances with --mode random and kube-proxy's 10 decimals, not nth", () => {
    const line = kubeProxyItem(built(referenceCluster("host-gw")), "n1");
    expect(line).toContain(`-A KUBE-SVC-CDGGSHYLG3RE2FKL -m comment --comment "default/web:http -> 10.244.0.3:8080" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-TCD3IFXQZW3ZEZQU`);
    expect(line).toContain(`-A KUBE-SVC-CDGGSHYLG3RE2FKL -m comment --comment "default/web:http -> 10.244.1.3:8080" -j KUBE-SEP-2AZ33KU3V5PGPQZH`);
    expect(line).not.toContain("--mode nth");
  });

  it("writes one iptables-restore --noflush per node, *filter then *nat, chains declared before rules", () => {
    const build = built(referenceCluster("host-gw"));
    for (const node of ["n1", "n2"]) {
      const items = build.stages.kubeProxy.filter((i) => i.host === node);
      expect(items).toHaveLength(1);
      const lines = items[0]!.line.split("\n");
      expect(lines[0]).toBe("iptables-restore --noflush");
      expect(lines.filter((l) => l.startsWith("*"))).toEqual(["*filter", "*nat"]);
      const nat = lines.slice(lines.indexOf("*nat"));
      expect(nat.findLastIndex((l) => l.startsWith(":"))).toBeLessThan(nat.findIndex((l) => l.startsWith("-")));
    }
  });

  it("gives n2 the same Service rules as n1 (Cluster policy does not depend on the node)", () => {
    const build = built(referenceCluster("host-gw"));
    expect(saved(build, "n2", "nat").filter((l) => l.includes("KUBE-"))).toEqual(saved(build, "n1", "nat").filter((l) => l.includes("KUBE-")));
  });
});

describe("kube-proxy load balancing cascade", () => {
  it("three endpoints: 1/3, then 1/2, then the last one without a statistic match", () => {
    const pods = ["p1", "p2", "p3"].map((name, i) => ({ name, node: "n1", ip: `10.244.0.${10 + i}`, labels: { app: "three" }, ports: [{ containerPort: 8080 }] }));
    const three = { ...WEB, name: "three", type: "ClusterIP" as const, clusterIP: "10.96.0.30", ports: [{ name: "http", port: 80, targetPort: 8080 }], selector: { app: "three" } };
    const jumps = kubeProxyItem(built(referenceCluster("host-gw", { pods, services: [three] })), "n1").split("\n").filter((l) => /^-A KUBE-SVC-\S+ -m comment --comment "default\/three:http -> /.test(l));
    expect(jumps).toHaveLength(3);
    expect(jumps[0]).toContain("10.244.0.10:8080\" -m statistic --mode random --probability 0.3333333333 -j KUBE-SEP-");
    expect(jumps[1]).toContain("10.244.0.11:8080\" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-");
    expect(jumps[2]).not.toContain("statistic");
  });

  it("orders endpoints by their ip:port text, as kube-proxy sorts them", () => {
    const pods = [{ name: "a", node: "n1", ip: "10.244.0.3", labels: { app: "x" } }, { name: "b", node: "n1", ip: "10.244.0.10", labels: { app: "x" } }];
    const svc = { name: "x", type: "ClusterIP" as const, clusterIP: "10.96.0.40", ports: [{ port: 80 }], selector: { app: "x" } };
    const jumps = kubeProxyItem(built(referenceCluster("host-gw", { pods, services: [svc] })), "n1").split("\n").filter((l) => l.includes('"default/x -> '));
    expect(jumps.map((l) => /-> (\S+)"/.exec(l)![1])).toEqual(["10.244.0.10:80", "10.244.0.3:80"]);
  });

  it("skips pods that are not ready or lack the named target port", () => {
    const pods = [
      { name: "a", node: "n1", ip: "10.244.0.2", labels: { app: "x" }, ports: [{ containerPort: 9000, name: "web" }] },
      { name: "b", node: "n1", ip: "10.244.0.3", labels: { app: "x" }, ports: [{ containerPort: 9000, name: "web" }], ready: false },
      { name: "c", node: "n2", ip: "10.244.1.2", labels: { app: "x" }, ports: [{ containerPort: 9000, name: "other" }] },
    ];
    const svc = { name: "x", type: "ClusterIP" as const, clusterIP: "10.96.0.40", ports: [{ port: 80, targetPort: "web" }], selector: { app: "x" } };
    const dnat = kubeProxyItem(built(referenceCluster("host-gw", { pods, services: [svc] })), "n1").split("\n").filter((l) => l.includes("DNAT"));
    expect(dnat).toEqual([`-A ${dnat[0]!.split(" ")[1]} -p tcp -m comment --comment "default/x" -m tcp -j DNAT --to-destination 10.244.0.2:9000`]);
  });
});

describe("Services without endpoints are rejected in the filter table", () => {
  const build = built(referenceCluster("host-gw", { services: [{ ...WEB, selector: { app: "nobody" } }, SOLO] }));
  const filter = saved(build, "n1", "filter");
  const nat = saved(build, "n1", "nat");

  it("REJECTs the ClusterIP in filter KUBE-SERVICES and the NodePort in KUBE-EXTERNAL-SERVICES", () => {
    expect(filter).toContain(`-A KUBE-SERVICES -d 10.96.0.10/32 -p tcp -m comment --comment "default/web:http has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable`);
    expect(filter).toContain(`-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/web:http has no endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 30080 -j REJECT --reject-with icmp-port-unreachable`);
  });

  it("jumps to them from INPUT, FORWARD and OUTPUT for new connections, in kube-proxy's order", () => {
    expect(filter.filter((l) => /^-A (INPUT|FORWARD|OUTPUT) /.test(l))).toEqual([
      `-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES`,
      `-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD`,
      `-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES`,
      `-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES`,
      `-A FORWARD -m comment --comment "flanneld forward" -j FLANNEL-FWD`,
      `-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES`,
    ]);
  });

  it("writes no nat chains for it at all", () => {
    expect(nat.some((l) => l.includes("CDGGSHYLG3RE2FKL") || l.includes("default/web"))).toBe(false);
    expect(nat).toContain(`-A KUBE-SVC-KTRLE4AQBKCGHQRV -m comment --comment "default/solo:http -> 10.244.0.3:8080" -j KUBE-SEP-FXWGUXL2AENPSKJD`);
  });
});

describe("externalTrafficPolicy Local", () => {
  const local = { ...WEB, externalTrafficPolicy: "Local" as const, healthCheckNodePort: 31000 };
  const pods = [
    { name: "n1a", node: "n1", ip: "10.244.0.2", labels: { app: "web" } },
    { name: "n1b", node: "n1", ip: "10.244.0.3", labels: { app: "web" } },
    { name: "n2a", node: "n2", ip: "10.244.1.2", labels: { app: "client" } },
  ];
  const build = built(referenceCluster("host-gw", { pods, services: [local] }));

  it("on a node with local endpoints, KUBE-EXT short-circuits pod and node traffic, then goes to KUBE-SVL", () => {
    const nat = saved(build, "n1", "nat");
    expect(nat.filter((l) => l.startsWith("-A KUBE-EXT-"))).toEqual([
      `-A KUBE-EXT-CDGGSHYLG3RE2FKL -s 10.244.0.0/16 -m comment --comment "pod traffic for default/web:http external destinations" -j KUBE-SVC-CDGGSHYLG3RE2FKL`,
      `-A KUBE-EXT-CDGGSHYLG3RE2FKL -m comment --comment "masquerade LOCAL traffic for default/web:http external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ`,
      `-A KUBE-EXT-CDGGSHYLG3RE2FKL -m comment --comment "route LOCAL traffic for default/web:http external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC-CDGGSHYLG3RE2FKL`,
      `-A KUBE-EXT-CDGGSHYLG3RE2FKL -j KUBE-SVL-CDGGSHYLG3RE2FKL`,
    ]);
    expect(nat).toContain(":KUBE-SVL-CDGGSHYLG3RE2FKL - [0:0]");
    const svl = nat.filter((l) => l.startsWith("-A KUBE-SVL-"));
    expect(svl).toHaveLength(2);
    expect(svl[0]).toContain("--probability 0.5000000000");
    expect(svl.some((l) => l.includes("KUBE-MARK-MASQ"))).toBe(false);
  });

  it("on a node without local endpoints, KUBE-EXT has no fall-through and the filter table DROPs the NodePort", () => {
    const nat = saved(build, "n2", "nat");
    expect(nat.some((l) => l.includes("KUBE-SVL-"))).toBe(false);
    expect(nat.filter((l) => l.startsWith("-A KUBE-EXT-"))).toHaveLength(3);
    expect(saved(build, "n2", "filter")).toContain(`-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/web:http has no local endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 30080 -j DROP`);
  });

  it("keeps the ClusterIP on Cluster policy (every endpoint) on both nodes", () => {
    for (const node of ["n1", "n2"]) expect(saved(build, node, "nat").filter((l) => l.startsWith("-A KUBE-SVC-") && l.includes("KUBE-SEP-"))).toHaveLength(2);
  });

  it("accepts the health check node port in filter KUBE-NODEPORTS, reached from INPUT", () => {
    const filter = saved(build, "n2", "filter");
    expect(filter).toContain(`-A KUBE-NODEPORTS -p tcp -m comment --comment "default/web:http health check node port" -m tcp --dport 31000 -j ACCEPT`);
    expect(filter).toContain(`-A INPUT -m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS`);
  });
});

describe("kube-proxy options", () => {
  it("masqueradeAll marks every ClusterIP packet, not only those from outside the cluster CIDR", () => {
    const nat = saved(built(referenceCluster("host-gw", { options: { masqueradeAll: true } })), "n1", "nat");
    expect(nat).toContain(`-A KUBE-SVC-KTRLE4AQBKCGHQRV -d 10.96.0.11/32 -p tcp -m comment --comment "default/solo:http cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ`);
  });

  it('"all" declares the empty chains and every jump kube-proxy and kubelet create', () => {
    const build = built(referenceCluster("host-gw", { options: { kubeProxyChains: "all" } }));
    const filter = saved(build, "n1", "filter");
    for (const c of ["KUBE-SERVICES", "KUBE-EXTERNAL-SERVICES", "KUBE-NODEPORTS", "KUBE-PROXY-FIREWALL", "KUBE-FIREWALL", "KUBE-PROXY-CANARY"]) expect(filter).toContain(`:${c} - [0:0]`);
    expect(filter.filter((l) => l.startsWith("-A INPUT "))).toEqual([
      "-A INPUT -j KUBE-FIREWALL",
      `-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL`,
      `-A INPUT -m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS`,
      `-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES`,
    ]);
    expect(filter).toContain(`-A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment "block incoming localnet connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP`);
    expect(saved(build, "n1", "mangle")).toContain(":KUBE-PROXY-CANARY - [0:0]");
    expect(build.stages.kubeProxy).toContainEqual({ host: "n1", line: "sysctl -w net.ipv4.conf.all.route_localnet=1" });
  });

  it("UDP Services match and DNAT with -p udp -m udp", () => {
    const dns = { name: "dns", type: "ClusterIP" as const, clusterIP: "10.96.0.53", ports: [{ name: "dns", protocol: "UDP" as const, port: 53 }], selector: { app: "web" } };
    const nat = saved(built(referenceCluster("host-gw", { services: [dns] })), "n1", "nat");
    expect(nat).toContain(`-A KUBE-SERVICES -d 10.96.0.53/32 -p udp -m comment --comment "default/dns:dns cluster IP" -m udp --dport 53 -j ${nat.find((l) => l.startsWith(":KUBE-SVC-"))!.slice(1, 26)}`);
    expect(nat.some((l) => l.endsWith("-p udp -m comment --comment \"default/dns:dns\" -m udp -j DNAT --to-destination 10.244.1.3:53"))).toBe(true);
  });
});
