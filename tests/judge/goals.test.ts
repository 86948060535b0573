import { describe, expect, it } from "vitest";
import { judge } from "../../engine/index";
import { prepared, run, SERVICE_LEVEL } from "./fixtures";

const BALANCED = SERVICE_LEVEL.replace(
  /goals:\n(  - .*\n)+/,
  `goals:
  - { id: spread, kind: balanced, text: { en: both endpoints }, probe: { from: pod-a, to: 10.96.0.20, proto: tcp, port: 80 }, servers: [pod-b, pod-c], minP: 0.4 }
`,
);

const TWO_NODES = `
id: test-no-nat
title: { en: No NAT }
track: egress
order: 1
difficulty: 1
minutes: 5
mode: fix
briefing: { en: Stop NATing pods. }
success: { en: Done. }
start:
  cluster:
    clusterCIDR: 10.244.0.0/16
    serviceCIDR: 10.96.0.0/12
    backend: host-gw
    underlay: { kind: direct, prefixLen: 24 }
    nodes:
      - { name: node1, nodeIP: 192.168.50.1, podCIDR: 10.244.0.0/24 }
      - { name: node2, nodeIP: 192.168.50.2, podCIDR: 10.244.1.0/24 }
    pods:
      - { name: pod-a, node: node1, ip: 10.244.0.2 }
      - { name: pod-b, node: node2, ip: 10.244.1.2 }
break:
  - node1: iptables -t nat -I POSTROUTING -s 10.244.0.0/16 -j MASQUERADE
editable: [node1]
goals:
  - { id: model, kind: invariant, invariant: pod-to-pod-no-nat, text: { en: every pod reaches every pod without NAT } }
hints: [{ en: Look at POSTROUTING. }]
solution:
  - node1: iptables -t nat -D POSTROUTING -s 10.244.0.0/16 -j MASQUERADE
`;

describe("goal kinds", () => {
  it("[JG3] balanced: one endpoint only fails and names the starved one with its p", () => {
    const level = prepared(BALANCED);
    const one = run(level.start, "node1", "iptables -t nat -A PREROUTING -d 10.96.0.20/32 -p tcp --dport 80 -j DNAT --to-destination 10.244.0.3:8080");
    const goal = judge(level, one).goals[0]!;
    expect(goal.pass).toBe(false);
    expect(goal.explanation).toBe("TCP 10.96.0.20:80 from pod-a reaches pod-c with p=0; each endpoint needs at least 0.4. " + goal.explanation!.split(". ").slice(1).join(". "));
  });

  it("[JG3][LB1] balanced: a 0.5 statistic cascade passes with both endpoints at p 0.5", () => {
    const level = prepared(BALANCED);
    const both = run(level.start, "node1",
      "iptables -t nat -N SVC",
      "iptables -t nat -A PREROUTING -d 10.96.0.20/32 -p tcp --dport 80 -j SVC",
      "iptables -t nat -A SVC -p tcp -m statistic --mode random --probability 0.5 -j DNAT --to-destination 10.244.0.3:8080",
      "iptables -t nat -A SVC -p tcp -j DNAT --to-destination 10.244.0.4:8080");
    const goal = judge(level, both).goals[0]!;
    expect(goal.pass).toBe(true);
    expect(goal.probes[0]!.outcomes.map((o) => ["server" in o ? o.server : "", o.p])).toEqual(
      expect.arrayContaining([["pod-b", 0.5], ["pod-c", 0.5]]),
    );
  });

  it("[JG3] balanced: a cascade that starves the second endpoint below minP fails", () => {
    const level = prepared(BALANCED);
    const skewed = run(level.start, "node1",
      "iptables -t nat -N SVC",
      "iptables -t nat -A PREROUTING -d 10.96.0.20/32 -p tcp --dport 80 -j SVC",
      "iptables -t nat -A SVC -p tcp -m statistic --mode random --probability 0.9 -j DNAT --to-destination 10.244.0.3:8080",
      "iptables -t nat -A SVC -p tcp -j DNAT --to-destination 10.244.0.4:8080");
    expect(judge(level, skewed).goals[0]!.explanation).toMatch(/^TCP 10\.96\.0\.20:80 from pod-a reaches pod-c with p=0\.1; each endpoint needs at least 0\.4/);
  });

  it("[JG4][JG5] the no-NAT invariant probes every pod pair and fails on a masqueraded source", () => {
    const level = prepared(TWO_NODES);
    expect(level.goalProbes[0]!.probes.map((p) => p.id)).toEqual(["model.pod-a.pod-b", "model.pod-b.pod-a"]);
    const goal = judge(level, level.start).goals[0]!;
    expect(goal.pass).toBe(false);
    expect(goal.explanation).toMatch(/^pod-b saw pod-a's connection come from 192\.168\.50\.1, not from 10\.244\.0\.2: pod-to-pod traffic must not be NATed\./);
    const fixed = run(level.start, "node1", level.level.solution[0]!.line);
    expect(judge(level, fixed).solved).toBe(true);
  });

  it("[JG4] the invariant also fails when a pod pair cannot connect at all", () => {
    const level = prepared(TWO_NODES);
    const cut = run(level.start, "node2", "ip route del 10.244.0.0/24");
    const goal = judge(level, run(cut, "node1", level.level.solution[0]!.line)).goals[0]!;
    expect(goal.pass).toBe(false);
    expect(goal.explanation).toMatch(/TCP 10\.244\.\d\.2:7 from pod-\w ended in a timeout, but every pod must reach every pod/);
  });
});
