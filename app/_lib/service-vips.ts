/**
 * Service VIPs for the canvas: addresses no host owns that something promises to rewrite.
 * Found in the nat tables (a rule matching `-d VIP/32` whose target is DNAT or a jump that
 * leads to DNAT, as kube-proxy writes KUBE-SERVICES -> KUBE-SVC-* -> KUBE-SEP-*), in the
 * level's Service objects, and in goal probes aimed at the service CIDR. Each VIP lists the
 * hosts its DNAT targets belong to.
 */
import { formatIPv4, inPrefix, parseIPv4, parsePrefix } from "@/engine/addr/ipv4";
import type { Level } from "@/engine/judge/types";
import type { Host, NetState } from "@/engine/model/types";
import type { Chain, Rule } from "@/engine/netfilter/types";

export interface ServiceVip {
  readonly ip: string;
  /** "default/web" when a Service object names it. */
  readonly name?: string;
  readonly ports: readonly number[];
  /** Hosts whose addresses the VIP's DNAT rules point at, in host order. */
  readonly endpoints: readonly string[];
  /** Hosts with a nat rule for the VIP. */
  readonly programmedOn: readonly string[];
}

const MAX_DEPTH = 4;

/** DNAT destinations a chain leads to, following jumps (bounded, cycles cut). */
function dnatTargets(chains: readonly Chain[], chain: Chain, depth: number, out: Set<number>): void {
  if (depth > MAX_DEPTH) return;
  for (const rule of chain.rules) {
    const t = rule.target;
    if (!t) continue;
    if (t.kind === "DNAT" && t.to.from !== undefined) out.add(t.to.from);
    if (t.kind === "jump" || t.kind === "goto") {
      const next = chains.find((c) => c.name === t.chain);
      if (next && next !== chain) dnatTargets(chains, next, depth + 1, out);
    }
  }
}

function ruleLeadsToDnat(rule: Rule): boolean {
  const t = rule.target;
  return t !== undefined && (t.kind === "DNAT" || t.kind === "jump" || t.kind === "goto");
}

function dport(rule: Rule): number | undefined {
  for (const m of rule.matches) if ((m.kind === "tcp" || m.kind === "udp") && m.dport && !m.dport.negate && m.dport.value.from === m.dport.value.to) return m.dport.value.from;
  return undefined;
}

export function serviceVips(state: NetState, level?: Pick<Level, "start" | "goals">): ServiceVip[] {
  const hosts = Object.values(state.hosts);
  const owner = new Map<number, string>();
  for (const h of hosts) for (const a of h.addrs) if (a.scope !== "host" && !owner.has(a.address)) owner.set(a.address, h.name);

  const found = new Map<number, { name?: string; ports: Set<number>; endpoints: Set<number>; on: Set<string> }>();
  const entry = (ip: number) => {
    let e = found.get(ip);
    if (!e) found.set(ip, (e = { ports: new Set(), endpoints: new Set(), on: new Set() }));
    return e;
  };

  for (const h of hosts) collectFromHost(h, owner, entry);

  if (level?.start.kind === "cluster") {
    const { services, serviceCIDR } = level.start.cluster;
    for (const svc of services ?? []) {
      const ip = parseIPv4(svc.clusterIP);
      if (ip === undefined) continue;
      const e = entry(ip);
      e.name = `${svc.namespace ?? "default"}/${svc.name}`;
      for (const p of svc.ports) e.ports.add(p.port);
    }
    const cidr = parsePrefix(serviceCIDR);
    for (const goal of level.goals) {
      if (!("probe" in goal)) continue;
      const ip = parseIPv4(goal.probe.to);
      if (ip === undefined || owner.has(ip) || !cidr || !inPrefix(ip, cidr.address, cidr.prefixLen)) continue;
      const e = entry(ip);
      if (goal.probe.port !== undefined) e.ports.add(goal.probe.port);
    }
  }

  const order = new Map(hosts.map((h, i) => [h.name, i]));
  return [...found.entries()]
    .sort(([a], [b]) => a - b)
    .map(([ip, e]) => ({
      ip: formatIPv4(ip),
      ...(e.name !== undefined ? { name: e.name } : {}),
      ports: [...e.ports].sort((a, b) => a - b),
      endpoints: [...new Set([...e.endpoints].map((a) => owner.get(a)).filter((h): h is string => h !== undefined))].sort((a, b) => order.get(a)! - order.get(b)!),
      programmedOn: [...e.on],
    }));
}

function collectFromHost(h: Host, owner: ReadonlyMap<number, string>, entry: (ip: number) => { ports: Set<number>; endpoints: Set<number>; on: Set<string> }): void {
  const chains = h.netfilter.nat.chains;
  for (const chain of chains) {
    for (const rule of chain.rules) {
      const dst = rule.dst;
      if (!dst || dst.negate || dst.value.prefixLen !== 32 || owner.has(dst.value.address) || !ruleLeadsToDnat(rule)) continue;
      const e = entry(dst.value.address);
      e.on.add(h.name);
      const p = dport(rule);
      if (p !== undefined) e.ports.add(p);
      const t = rule.target!;
      if (t.kind === "DNAT" && t.to.from !== undefined) e.endpoints.add(t.to.from);
      else if (t.kind === "jump" || t.kind === "goto") {
        const next = chains.find((c) => c.name === t.chain);
        if (next) dnatTargets(chains, next, 1, e.endpoints);
      }
    }
  }
}
