import { describe, expect, it } from "vitest";
import { apply } from "../../engine/exec/apply";
import { sameConfiguration, sameEverywhere } from "../../engine/judge/configuration";
import { prepareLevel } from "../../engine/judge/prepare";
import type { NetState } from "../../engine/model/types";
import { levelFiles, readLevel } from "../../server/levels/catalog";

/** [JC7] as first written: every host of both states printed in full. */
function everyHostPrinted(a: NetState, b: NetState): boolean {
  return Object.keys(b.hosts).every((host) => host in a.hosts && sameConfiguration(a, b, host));
}

/** Lines that change nothing, and lines that change one host in ways another host can see. */
const LOOKS = ["ip addr", "ip route show", "iptables -t nat -S", "ip neigh show", "bridge fdb show", "sysctl net.ipv4.ip_forward", "conntrack -L"];
const CHANGES = ["ip link set eth0 down", "ip link set eth0 up", "ip link set eth0 mtu 1400", "sysctl -w net.ipv4.ip_forward=1", "iptables -N PROBE-CHAIN", "ip route add 203.0.113.0/24 dev eth0"];

describe("[JC7] whether a command changed something", () => {
  it("agrees with printing every host, for every level's solution and for looks and changes on every host", () => {
    let compared = 0;
    let changed = 0;
    for (const ref of levelFiles()) {
      const read = readLevel(ref, 0);
      if (!read.ok) throw new Error(read.errors.join("\n"));
      const p = prepareLevel(read.level);
      if (!p.ok) throw new Error(p.errors.join("\n"));
      let state = p.prepared.start;
      const lines = [...read.level.solution, ...Object.keys(state.hosts).flatMap((host) => [...LOOKS, ...CHANGES].map((line) => ({ host, line })))];
      for (const { host, line } of lines) {
        const r = apply(state, host, line);
        if (!r.ok) continue;
        const fast = sameEverywhere(state, r.state);
        expect(fast, `${ref.id}: ${host}: ${line}`).toBe(everyHostPrinted(state, r.state));
        compared++;
        if (!fast) changed++;
        state = r.state;
      }
    }
    // Both kinds were seen many times: looks that change nothing and lines that do.
    expect(changed).toBeGreaterThan(200);
    expect(compared - changed).toBeGreaterThan(200);
  });

  it("a pod's eth0 going down changes what its node prints too, and either host alone tells", () => {
    const read = readLevel(levelFiles().find((r) => r.id === "svc-reach-service-b")!, 0);
    if (!read.ok) throw new Error(read.errors.join("\n"));
    const p = prepareLevel(read.level);
    if (!p.ok) throw new Error(p.errors.join("\n"));
    const before = p.prepared.start;
    const r = apply(before, "pod-a", "ip link set eth0 down");
    if (!r.ok) throw new Error(r.error);
    expect(r.state.hosts["node1"]).toBe(before.hosts["node1"]);
    expect(sameConfiguration(before, r.state, "node1")).toBe(false);
    expect(sameConfiguration(before, r.state, "pod-a")).toBe(false);
    expect(sameEverywhere(before, r.state)).toBe(false);
  });
});
