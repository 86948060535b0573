/** Small levels written inline, so judge tests do not depend on the curriculum's files. */
import { parseLevelText } from "../../content/level/load";
import { apply, prepareLevel, type Level, type NetState, type PreparedLevel } from "../../engine/index";

/** One node, two pods on cni0, Service 10.96.0.20:80 in front of pod-b:8080 (no kube-proxy rules yet). */
export const SERVICE_LEVEL = `
id: test-service
title: { en: Test service }
track: services
order: 1
difficulty: 1
minutes: 5
mode: build
briefing: { en: Reach the service. }
success: { en: Done. }
start:
  cluster:
    clusterCIDR: 10.244.0.0/16
    serviceCIDR: 10.96.0.0/12
    backend: host-gw
    underlay: { kind: switch, host: tor, prefixLen: 24, gateway: 192.168.50.254 }
    nodes: [{ name: node1, nodeIP: 192.168.50.1, podCIDR: 10.244.0.0/24 }]
    pods:
      - { name: pod-a, node: node1, ip: 10.244.0.2 }
      - { name: pod-b, node: node1, ip: 10.244.0.3, ports: [{ containerPort: 8080 }] }
      - { name: pod-c, node: node1, ip: 10.244.0.4, ports: [{ containerPort: 8080 }] }
editable: [node1]
goals:
  - { id: reach-b, kind: reach, text: { en: a reaches b }, probe: { from: pod-a, to: 10.96.0.20, proto: tcp, port: 80 }, servers: [pod-b, pod-c], seenSrc: 10.244.0.2 }
  - { id: ips, kind: keep, what: pod-ips, text: { en: keep IPs } }
  - { id: nat-rules, kind: keep, what: output, host: node1, show: iptables -t nat -S POSTROUTING, text: { en: keep POSTROUTING } }
hints: [{ en: DNAT it. }]
solution:
  - node1: iptables -t nat -A PREROUTING -d 10.96.0.20/32 -p tcp --dport 80 -j DNAT --to-destination 10.244.0.3:8080
par: 1
`;

export function loadLevel(text: string, seed = 0): Level {
  const r = parseLevelText(text, { fileName: "test.yaml", seed });
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.level;
}

export function prepared(text: string, seed = 0): PreparedLevel {
  const p = prepareLevel(loadLevel(text, seed));
  if (!p.ok) throw new Error(p.errors.join("\n"));
  return p.prepared;
}

/** Applies lines to a state; every line must be accepted. */
export function run(state: NetState, host: string, ...lines: string[]): NetState {
  for (const line of lines) {
    const r = apply(state, host, line);
    if (!r.ok) throw new Error(`${host}: ${line}: ${r.error}`);
    state = r.state;
  }
  return state;
}
