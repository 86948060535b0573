import { describe, expect, it } from "vitest";
import { judge } from "../../engine/index";
import { prepared, run, SERVICE_LEVEL } from "./fixtures";

/** SERVICE_LEVEL, with kube-proxy programming Service web (10.96.0.10:80 -> pod-b:8080). */
const WITH_WEB = SERVICE_LEVEL.replace(
  "editable: [node1]",
  `    services:
      - { name: web, type: ClusterIP, clusterIP: 10.96.0.10, ports: [{ port: 80, targetPort: 8080 }], selector: { app: web } }
editable: [node1]`,
).replace("ip: 10.244.0.3, ports: [{ containerPort: 8080 }] }", "ip: 10.244.0.3, ports: [{ containerPort: 8080 }], labels: { app: web } }");

describe("failure explanations", () => {
  it("[JE1] one sentence per packet: the request and the answer each get theirs", () => {
    const level = prepared(SERVICE_LEVEL);
    const state = run(level.start, "node1", level.level.solution[0]!.line, "iptables -t nat -I POSTROUTING -j MASQUERADE");
    const text = judge(level, state).goals[0]!.explanation!;
    expect(text).toContain("SYN from pod-a to 10.96.0.20:80: reached node1; node1 DNAT to 10.244.0.3:8080;");
    expect(text).toContain("SYN-ACK from pod-b to 10.244.0.1:32768: reached node1; node1 un-SNAT to 10.244.0.2:32768; node1 un-DNAT to source 10.96.0.20:80");
  });

  it("[JE2] a Service VIP that no DNAT rule matches is named on the node that has DNAT rules", () => {
    const level = prepared(WITH_WEB);
    const text = judge(level, level.start).goals[0]!.explanation!;
    expect(text).toContain("SYN from pod-a to 10.96.0.20:80: reached node1; no DNAT rule on node1 matched 10.96.0.20:80; node1 routed it out eth0 via 192.168.50.254");
  });

  it("[JE3] a reply that skipped conntrack because bridge-nf-call-iptables=0 is diagnosed", () => {
    const level = prepared(WITH_WEB.replace("to: 10.96.0.20, proto: tcp, port: 80 }", "to: 10.96.0.10, proto: tcp, port: 80 }"));
    const off = run(level.start, "node1", "sysctl -w net.bridge.bridge-nf-call-iptables=0");
    const goal = judge(level, off).goals[0]!;
    expect(goal.pass).toBe(false);
    expect(goal.explanation).toContain(
      "the reply from 10.244.0.3:8080 was not un-DNATed back to 10.96.0.10:80, because net.bridge.bridge-nf-call-iptables=0 on node1: the bridge switched it straight back without conntrack.",
    );
  });
});

describe("failure explanations: a reply with no way home", () => {
  it("[JE1] a server with no route back to an unmasqueraded pod is named as the one that cannot send", () => {
    const toTor = SERVICE_LEVEL.replace("editable: [node1]", "  listen: { tor: [tcp/80] }\nbreak:\n  - node1: iptables -t nat -F FLANNEL-POSTRTG\neditable: [node1]")
      .replace("probe: { from: pod-a, to: 10.96.0.20, proto: tcp, port: 80 }, servers: [pod-b, pod-c], seenSrc: 10.244.0.2", "probe: { from: pod-a, to: 192.168.50.254, proto: tcp, port: 80 }");
    const level = prepared(toTor);
    const text = judge(level, level.start).goals[0]!.explanation!;
    expect(text).toContain("SYN-ACK from tor to 10.244.0.2:32768: tor has no route to 10.244.0.2, so it cannot send this.");
  });
});
