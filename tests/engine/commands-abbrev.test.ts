/** iproute2 reads any prefix of a keyword (matches()): `ip a`, `ip r a`, `ip n` ... mean the same as the long forms. */
import { describe, expect, it } from "vitest";
import { apply } from "../../engine/index";
import { build, out } from "./build";
import { PAIR, PAIR_HOSTS } from "./topo";

const S = build(PAIR_HOSTS, [
  ...PAIR,
  "a: ip neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev eth0 nud stale",
  "a: ip link add br0 type bridge",
  "a: ip link add d0 type dummy",
  "a: ip link set d0 master br0",
  "a: bridge fdb add 02:00:00:00:00:0d dev d0 master static",
]);

describe("command abbreviations", () => {
  it.each([
    ["ip a", "ip address show"],
    ["ip addr", "ip address show"],
    ["ip addr s", "ip address show"],
    ["ip a s dev eth0", "ip address show dev eth0"],
    ["ip -4 a", "ip address show"],
    ["ip r", "ip route show"],
    ["ip ro sh", "ip route show"],
    ["ip r list", "ip route show"],
    ["ip l", "ip link show"],
    ["ip li sh eth0", "ip link show dev eth0"],
    ["ip -d l", "ip -details link show"],
    ["ip n", "ip neigh show"],
    ["ip neighbour", "ip neigh show"],
    ["ip neighbor show", "ip neigh show"],
    ["ip r g 10.0.0.2", "ip route get 10.0.0.2"],
    ["bridge l", "bridge link show"],
    ["bridge f s", "bridge fdb show"],
  ])("%s prints what %s prints", (short, long) => {
    const a = out(S, `a: ${short}`);
    expect(a).not.toBe("");
    expect(a).toBe(out(S, `a: ${long}`));
  });

  it("ip r a / ip r d add and delete a route", () => {
    const added = apply(S, "a", "ip r a 10.9.0.0/16 via 10.0.0.2");
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    expect(out(added.state, "a: ip route")).toContain("10.9.0.0/16 via 10.0.0.2 dev eth0 \n");
    const deleted = apply(added.state, "a", "ip r d 10.9.0.0/16");
    expect(deleted.ok).toBe(true);
    if (deleted.ok) expect(out(deleted.state, "a: ip route")).not.toContain("10.9.0.0/16");
  });

  it("ip a a / ip a d add and delete an address", () => {
    const added = apply(S, "a", "ip a a 10.0.0.5/24 dev eth0");
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    expect(out(added.state, "a: ip a s eth0")).toContain("inet 10.0.0.5/24 scope global secondary eth0");
    const deleted = apply(added.state, "a", "ip a d 10.0.0.5/24 dev eth0");
    expect(deleted.ok).toBe(true);
    if (deleted.ok) expect(out(deleted.state, "a: ip a")).not.toContain("10.0.0.5");
  });

  it("ip l s DEV down sets the link (\"s\" after link means set, as in iproute2's do_iplink)", () => {
    const r = apply(S, "a", "ip l s eth0 down");
    expect(r.ok).toBe(true);
    if (r.ok) expect(out(r.state, "a: ip link show eth0")).toMatch(/^\d+: eth0@if\d+: <BROADCAST,MULTICAST> mtu 1500 .* state DOWN /);
  });

  it("ip n a / ip n d add and delete a neighbour", () => {
    const r = apply(S, "a", "ip n a 10.0.0.7 lladdr 02:00:00:00:00:07 dev eth0");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(out(r.state, "a: ip n")).toContain("10.0.0.7 dev eth0 lladdr 02:00:00:00:00:07 PERMANENT \n");
    const d = apply(r.state, "a", "ip n d 10.0.0.7 dev eth0");
    expect(d.ok).toBe(true);
    if (d.ok) expect(out(d.state, "a: ip n")).not.toContain("10.0.0.7");
  });

  it.each([
    ["ip r a 10.9.0.0/16 dev eth0 metric 5", "ip route add 10.9.0.0/16 dev eth0 metric 5", "ip route"],
    ["ip a a 10.1.1.1/24 dev eth0", "ip address add 10.1.1.1/24 dev eth0", "ip address show"],
    ["ip n flush dev eth0", "ip neighbour flush dev eth0", "ip neigh show"],
    ["ip l set eth0 mtu 1400", "ip link set dev eth0 mtu 1400", "ip link show"],
  ])("%s changes the state as %s does", (short, long, show) => {
    const a = apply(S, "a", short);
    const b = apply(S, "a", long);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(out(a.state, `a: ${show}`)).toBe(out(b.state, `a: ${show}`));
    expect(out(a.state, `a: ${show}`)).not.toBe(out(S, `a: ${show}`));
  });
});
