import { describe, expect, it } from "vitest";
import { commandAllowed, type Level } from "../../engine/index";
import { loadLevel, SERVICE_LEVEL } from "./fixtures";

const level: Level = {
  ...loadLevel(SERVICE_LEVEL),
  forbidden: [
    { command: "iptables", table: "nat", chain: "KUBE-*", reason: { en: "kube-proxy owns the KUBE-* chains" } },
    { command: "ip", object: "addr", reason: { en: "pod addresses come from IPAM" } },
    { command: "sysctl", hosts: ["tor"], reason: { en: "the switch is not yours" } },
  ],
};

describe("what a student may type", () => {
  it("[JA1] only on editable hosts", () => {
    expect(commandAllowed(level, "pod-a", "ip route")).toEqual({ ok: false, error: "pod-a is read-only in this level; you can type on node1" });
    expect(commandAllowed(level, "node1", "ip route")).toEqual({ ok: true });
  });

  it("[JA2] a forbidden chain is refused for every write, with the level's reason", () => {
    for (const line of ["iptables -t nat -A KUBE-SERVICES -j RETURN", "iptables -tnat -F KUBE-SVC-ABC", "iptables --table nat --delete-chain KUBE-SEP-X", "iptables -t nat -F"]) {
      expect(commandAllowed(level, "node1", line)).toEqual({ ok: false, error: "not in this level: kube-proxy owns the KUBE-* chains" });
    }
  });

  it("[JA2] reading a forbidden chain, or writing another chain or table, is allowed", () => {
    for (const line of ["iptables -t nat -S KUBE-SERVICES", "iptables -t nat -L KUBE-SERVICES -n -v", "iptables -t nat -A PREROUTING -j ACCEPT", "iptables -A KUBE-FORWARD -j ACCEPT"]) {
      expect(commandAllowed(level, "node1", line)).toEqual({ ok: true });
    }
  });

  it("[JA2] ip objects match the way ip abbreviates them; looking is always allowed", () => {
    expect(commandAllowed(level, "node1", "ip a add 10.0.0.1/24 dev eth0").ok).toBe(false);
    expect(commandAllowed(level, "node1", "ip -4 addr del 10.0.0.1/24 dev eth0").ok).toBe(false);
    expect(commandAllowed(level, "node1", "ip -4 addr show").ok).toBe(true);
    expect(commandAllowed(level, "node1", "ip a").ok).toBe(true);
    expect(commandAllowed(level, "node1", "ip r add 10.0.0.0/24 dev eth0").ok).toBe(true);
  });

  it("[JA2] iptables-restore: a full restore of the nat table touches every chain; --noflush only the chains it names", () => {
    const body = "\n*nat\n-A PREROUTING -j ACCEPT\nCOMMIT\n";
    expect(commandAllowed(level, "node1", `iptables-restore${body}`).ok).toBe(false);
    expect(commandAllowed(level, "node1", `iptables-restore --noflush${body}`).ok).toBe(true);
    expect(commandAllowed(level, "node1", "iptables-restore --noflush\n*nat\n:KUBE-SVC-X - [0:0]\nCOMMIT\n").ok).toBe(false);
    expect(commandAllowed(level, "node1", "iptables-restore\n*filter\n-A INPUT -j ACCEPT\nCOMMIT\n").ok).toBe(true);
  });

  it("[JA2] a rule limited to some hosts applies only there", () => {
    const onTor: Level = { ...level, editable: ["node1", "tor"] };
    expect(commandAllowed(onTor, "tor", "sysctl -w net.ipv4.ip_forward=1").ok).toBe(false);
    expect(commandAllowed(onTor, "node1", "sysctl -w net.ipv4.ip_forward=1").ok).toBe(true);
  });
});
