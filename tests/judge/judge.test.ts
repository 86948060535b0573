import { describe, expect, it } from "vitest";
import { judge } from "../../engine/index";
import { selfCheckLevel } from "../../engine/judge/self-check";
import { prepared, run, SERVICE_LEVEL } from "./fixtures";

const level = prepared(SERVICE_LEVEL);
const reach = (v: ReturnType<typeof judge>) => v.goals.find((g) => g.id === "reach-b")!;

describe("the judge", () => {
  it("[JG1] judges a copy: the state it is given is unchanged, and the same state gives the same verdict", () => {
    const before = JSON.stringify(level.start);
    const first = judge(level, level.start);
    expect(JSON.stringify(level.start)).toBe(before);
    expect(JSON.stringify(judge(level, level.start))).toBe(JSON.stringify(first));
  });

  it("[JG3] the start state fails the reach goal and says where the SYN died", () => {
    const v = judge(level, level.start);
    expect(v.solved).toBe(false);
    expect(v.passed).toBe(2);
    const goal = reach(v);
    expect(goal.pass).toBe(false);
    expect(goal.explanation).toContain("expected TCP 10.96.0.20:80 from pod-a to connect, but it ended in a timeout");
    expect(goal.explanation).toContain("SYN from pod-a to 10.96.0.20:80: reached node1");
    expect(goal.explanation).toMatch(/dropped at tor on br0: .*forwarding is off/);
    expect(goal.probes[0]!.outcomes).toEqual([expect.objectContaining({ result: "timeout", p: 1 })]);
  });

  it("[JG2] the reference solution passes", () => {
    const v = judge(level, run(level.start, "node1", level.level.solution[0]!.line));
    expect(v.goals.map((g) => [g.id, g.pass])).toEqual([["reach-b", true], ["ips", true], ["nat-rules", true]]);
    expect(v.solved).toBe(true);
  });

  it("[JG2] another valid solution passes too: a user chain, and the other allowed endpoint", () => {
    const state = run(level.start, "node1",
      "iptables -t nat -N SVC-B",
      "iptables -t nat -I PREROUTING -d 10.96.0.20 -j SVC-B",
      "iptables -t nat -A SVC-B -p tcp --dport 80 -j DNAT --to-destination 10.244.0.4:8080");
    const v = judge(level, state);
    expect(v.solved).toBe(true);
    expect(reach(v).probes[0]!.outcomes).toEqual([expect.objectContaining({ result: "connected", server: "pod-c" })]);
  });

  it("[JG3] a solution that NATs the source fails seenSrc, naming what the server saw", () => {
    const state = run(level.start, "node1", level.level.solution[0]!.line, "iptables -t nat -I POSTROUTING -j MASQUERADE");
    const goal = reach(judge(level, state));
    expect(goal.pass).toBe(false);
    expect(goal.explanation).toMatch(/^pod-b saw the connection come from 10\.244\.0\.1, not 10\.244\.0\.2\./);
    expect(goal.explanation).toContain("node1 SNAT to source 10.244.0.1:32768");
  });

  it("[JG3] DNAT to a server outside the goal's list fails", () => {
    const state = run(level.start, "node1", "iptables -t nat -A PREROUTING -d 10.96.0.20/32 -p tcp --dport 80 -j DNAT --to-destination 192.168.50.254:8080", "ip link set lo up");
    expect(reach(judge(level, state)).pass).toBe(false);
  });

  it("[JG6] keep: a changed pod IP or a changed chain fails, and says what changed", () => {
    const moved = run(level.start, "pod-a", "ip addr del 10.244.0.2/24 dev eth0", "ip addr add 10.244.0.9/24 dev eth0");
    const ips = judge(level, moved).goals.find((g) => g.id === "ips")!;
    expect(ips.pass).toBe(false);
    expect(ips.explanation).toContain("pod-a must keep 10.244.0.2 on eth0, but now has 10.244.0.9");
    const edited = run(level.start, "node1", "iptables -t nat -A POSTROUTING -s 10.0.0.0/8 -j RETURN");
    const chain = judge(level, edited).goals.find((g) => g.id === "nat-rules")!;
    expect(chain.pass).toBe(false);
    expect(chain.explanation).toContain("`iptables -t nat -S POSTROUTING` on node1 must print what it printed at the start");
  });

  it("[JC1-JC3] level self-check: the start fails, the solution passes, no refused lines", () => {
    const check = selfCheckLevel(level);
    expect(check.problems).toEqual([]);
    expect(check.start.solved).toBe(false);
    expect(check.solved?.solved).toBe(true);
  });

  it("[JC2] a level already solved at the start is reported", () => {
    const solvedAtStart = prepared(SERVICE_LEVEL.replace("editable: [node1]", `break:\n  - node1: iptables -t nat -A PREROUTING -d 10.96.0.20/32 -p tcp --dport 80 -j DNAT --to-destination 10.244.0.3:8080\neditable: [node1]`));
    expect(selfCheckLevel(solvedAtStart).problems).toContain("the goals already pass in the start state: there is nothing to do");
  });
});
