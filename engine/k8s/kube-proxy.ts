/**
 * kube-proxy in iptables mode on one node: the jump rules it ensures in the built-in chains
 * (iptablesJumpChains, each inserted first, EnsureRule(Prepend)) and the one
 * `iptables-restore --noflush` of syncProxyRules: *filter then *nat, chain declarations first,
 * then rules in the order kube-proxy writes them. Services come in description order (kube-proxy
 * walks a Go map; iptables-save sorts chains by name anyway).
 */
import type { SetupItem } from "../scenario/types";
import { append, comment, prepend, restoreInput, type TableBlock } from "./iptables-text";
import { KUBE_EXTERNAL_SERVICES, KUBE_MARK_MASQ, KUBE_NODEPORTS, KUBE_SERVICES, servicePortRules } from "./kube-proxy-service";
import type { Cluster, Node } from "./model";

const KUBE_FORWARD = "KUBE-FORWARD";
const KUBE_POSTROUTING = "KUBE-POSTROUTING";
const KUBE_PROXY_FIREWALL = "KUBE-PROXY-FIREWALL";
const KUBE_FIREWALL = "KUBE-FIREWALL";
const KUBE_PROXY_CANARY = "KUBE-PROXY-CANARY";
/** --masquerade-bit 14. */
const MASQ_MARK = "0x4000";

interface Jump {
  readonly table: "filter" | "nat";
  readonly chain: string;
  readonly from: string;
  readonly comment?: string;
  readonly newOnly?: boolean;
}

/** iptablesJumpChains then iptablesKubeletJumpChains, in proxier.go's order. */
const JUMPS: readonly Jump[] = [
  { table: "filter", chain: KUBE_EXTERNAL_SERVICES, from: "INPUT", comment: "kubernetes externally-visible service portals", newOnly: true },
  { table: "filter", chain: KUBE_EXTERNAL_SERVICES, from: "FORWARD", comment: "kubernetes externally-visible service portals", newOnly: true },
  { table: "filter", chain: KUBE_NODEPORTS, from: "INPUT", comment: "kubernetes health check service ports" },
  { table: "filter", chain: KUBE_SERVICES, from: "FORWARD", comment: "kubernetes service portals", newOnly: true },
  { table: "filter", chain: KUBE_SERVICES, from: "OUTPUT", comment: "kubernetes service portals", newOnly: true },
  { table: "filter", chain: KUBE_FORWARD, from: "FORWARD", comment: "kubernetes forwarding rules" },
  { table: "filter", chain: KUBE_PROXY_FIREWALL, from: "INPUT", comment: "kubernetes load balancer firewall", newOnly: true },
  { table: "filter", chain: KUBE_PROXY_FIREWALL, from: "OUTPUT", comment: "kubernetes load balancer firewall", newOnly: true },
  { table: "filter", chain: KUBE_PROXY_FIREWALL, from: "FORWARD", comment: "kubernetes load balancer firewall", newOnly: true },
  { table: "nat", chain: KUBE_SERVICES, from: "OUTPUT", comment: "kubernetes service portals" },
  { table: "nat", chain: KUBE_SERVICES, from: "PREROUTING", comment: "kubernetes service portals" },
  { table: "nat", chain: KUBE_POSTROUTING, from: "POSTROUTING", comment: "kubernetes postrouting rules" },
  { table: "filter", chain: KUBE_FIREWALL, from: "INPUT" },
  { table: "filter", chain: KUBE_FIREWALL, from: "OUTPUT" },
];

function jumpLine(j: Jump): string {
  const matches = [...(j.newOnly ? ["-m conntrack --ctstate NEW"] : []), ...(j.comment ? [comment(j.comment)] : [])];
  return prepend(j.from, { matches, jump: j.chain });
}

const chainOf = (line: string): string => line.split(" ", 2)[1]!;

/** The restore input kube-proxy writes on `node`. */
export function kubeProxyRestore(cluster: Cluster, node: Node): string {
  const all = cluster.kubeProxyChains === "all";
  const natChains = [KUBE_SERVICES, KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_MARK_MASQ];
  const natRules = [
    append(KUBE_POSTROUTING, { matches: [`-m mark ! --mark ${MASQ_MARK}/${MASQ_MARK}`], jump: "RETURN" }),
    append(KUBE_POSTROUTING, { jump: `MARK --set-xmark ${MASQ_MARK}/0x0` }),
    append(KUBE_POSTROUTING, { matches: [comment("kubernetes service traffic requiring SNAT")], jump: "MASQUERADE --random-fully" }),
    append(KUBE_MARK_MASQ, { jump: `MARK --set-xmark ${MASQ_MARK}/${MASQ_MARK}` }),
  ];
  const filterRules: string[] = [];
  if (all) {
    filterRules.push(append(KUBE_FIREWALL, {
      src: { cidr: "127.0.0.0/8", negate: true }, dst: { cidr: "127.0.0.0/8" },
      matches: [comment("block incoming localnet connections"), "-m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT"], jump: "DROP",
    }));
  }
  for (const svc of cluster.services) {
    for (const port of svc.ports) {
      const r = servicePortRules(cluster, svc, port, node.name);
      natChains.push(...r.natChains);
      natRules.push(...r.nat);
      filterRules.push(...r.filter);
    }
  }
  natRules.push(append(KUBE_SERVICES, {
    matches: [comment("kubernetes service nodeports; NOTE: this must be the last rule in this chain"), "-m addrtype --dst-type LOCAL"], jump: KUBE_NODEPORTS,
  }));
  filterRules.push(
    append(KUBE_FORWARD, { matches: ["-m conntrack --ctstate INVALID"], jump: "DROP" }),
    append(KUBE_FORWARD, { matches: [comment("kubernetes forwarding rules"), `-m mark --mark ${MASQ_MARK}/${MASQ_MARK}`], jump: "ACCEPT" }),
    append(KUBE_FORWARD, { matches: [comment("kubernetes forwarding conntrack rule"), "-m conntrack --ctstate RELATED,ESTABLISHED"], jump: "ACCEPT" }),
  );
  const filterAll = [KUBE_SERVICES, KUBE_EXTERNAL_SERVICES, KUBE_FORWARD, KUBE_NODEPORTS, KUBE_PROXY_FIREWALL, KUBE_FIREWALL];
  const filled = new Set(filterRules.map(chainOf));
  const filterChains = all ? filterAll : filterAll.filter((c) => filled.has(c));
  const declared: Record<"filter" | "nat", ReadonlySet<string>> = { filter: new Set(filterChains), nat: new Set(natChains) };
  const jumps = (table: "filter" | "nat"): string[] => JUMPS.filter((j) => j.table === table && declared[table].has(j.chain)).map(jumpLine);
  // ipt.Monitor's canary chains, which kube-proxy watches to notice a flushed ruleset.
  const canary = all ? [KUBE_PROXY_CANARY] : [];
  const blocks: TableBlock[] = [
    ...(all ? [{ table: "mangle" as const, chains: canary, rules: [] }] : []),
    { table: "filter", chains: [...filterChains, ...canary], rules: [...jumps("filter"), ...filterRules] },
    { table: "nat", chains: [...natChains, ...canary], rules: [...jumps("nat"), ...natRules] },
  ];
  return restoreInput(blocks);
}

/** kube-proxy's setup items on every node, in node order. */
export function kubeProxy(cluster: Cluster): SetupItem[] {
  const items: SetupItem[] = [];
  for (const node of cluster.nodes) {
    // localhostNodePorts (the default) makes NodePorts answer on 127.0.0.1 too.
    if (cluster.kubeProxyChains === "all") items.push({ host: node.name, line: "sysctl -w net.ipv4.conf.all.route_localnet=1" });
    items.push({ host: node.name, line: kubeProxyRestore(cluster, node) });
  }
  return items;
}
