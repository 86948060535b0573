/** Address rules AD2-AD4 of engine/SPEC.md (AD1 is in ipv4.test.ts). */
import { describe, expect, it } from "vitest";
import { build, exec, lines, out, refusal } from "./build";

/** a: lo up, eth0 (veth to b) up with 10.0.0.1/24. */
const BASE = build(["a", "b"], ["a: ip link set lo up", "a: ip link add eth0 type veth peer name eth0 netns b", "b: ip link set eth0 up", "a: ip addr add 10.0.0.1/24 dev eth0", "a: ip link set eth0 up"]);
const inet = (s: typeof BASE, dev = "eth0"): string[] => lines(out(s, `a: ip addr show dev ${dev}`)).filter((l) => l.trim().startsWith("inet "));
const routes = (s: typeof BASE): string[] => lines(out(s, "a: ip route"));

describe("[AD2] ip addr add", () => {
  it("[AD2] no /L means /32", () => {
    expect(inet(exec(BASE, ["a: ip addr add 10.0.9.9 dev eth0"]))).toContain("    inet 10.0.9.9/32 scope global eth0");
  });

  it("[AD2] a second address in a subnet the device already has is secondary", () => {
    expect(inet(exec(BASE, ["a: ip addr add 10.0.0.2/24 dev eth0"]))).toEqual(["    inet 10.0.0.1/24 scope global eth0", "    inet 10.0.0.2/24 scope global secondary eth0"]);
  });

  it("[AD2] the same address with the same mask is refused; with another mask it is a new, primary address", () => {
    expect(refusal(BASE, "a: ip addr add 10.0.0.1/24 dev eth0").error).toBe("Error: ipv4: Address already assigned.");
    const s = exec(BASE, ["a: ip addr add 10.0.0.1/16 dev eth0"]);
    expect(inet(s)).toEqual(["    inet 10.0.0.1/24 scope global eth0", "    inet 10.0.0.1/16 scope global eth0"]);
    expect(routes(s)).toContain("10.0.0.0/16 dev eth0 proto kernel scope link src 10.0.0.1 ");
  });

  it("[AD2] a different mask on the same subnet number is not secondary", () => {
    expect(inet(exec(BASE, ["a: ip addr add 10.0.0.7/25 dev eth0"]))).toContain("    inet 10.0.0.7/25 scope global eth0");
  });

  it("[AD2] the same address on another device is accepted", () => {
    const s = exec(BASE, ["a: ip link add d0 type dummy", "a: ip addr add 10.0.0.1/24 dev d0"]);
    expect(inet(s, "d0")).toEqual(["    inet 10.0.0.1/24 scope global d0"]);
  });
});

describe("[AD3] connected routes and scopes", () => {
  it("[AD3] an address on a DOWN device gets no connected route", () => {
    const s = exec(BASE, ["a: ip link add d0 type dummy", "a: ip addr add 10.5.0.1/24 dev d0"]);
    expect(routes(s)).toEqual(["10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1 "]);
  });

  it("[AD3] a secondary address gets no connected route of its own", () => {
    expect(routes(exec(BASE, ["a: ip addr add 10.0.0.2/24 dev eth0"]))).toEqual(["10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1 "]);
  });

  it("[AD3] a /32 gets no connected route", () => {
    expect(routes(exec(BASE, ["a: ip addr add 10.7.7.7/32 dev eth0"]))).toEqual(["10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1 "]);
  });

  it("[AD3] 127.0.0.0/8 addresses default to scope host, others to global, whatever the device", () => {
    const s = exec(BASE, ["a: ip link add d0 type dummy", "a: ip addr add 127.0.0.5/8 dev d0", "a: ip addr add 10.9.9.9/32 dev lo"]);
    expect(inet(s, "d0")).toEqual(["    inet 127.0.0.5/8 scope host d0"]);
    expect(inet(s, "lo")).toContain("    inet 10.9.9.9/32 scope global lo");
  });

  it("[AD3] an explicit scope is kept", () => {
    expect(inet(exec(BASE, ["a: ip addr add 169.254.0.1/16 dev eth0 scope link"]))).toContain("    inet 169.254.0.1/16 scope link eth0");
  });
});

describe("[AD4] ip addr del", () => {
  it("[AD4] removes the address's connected route", () => {
    const s = exec(BASE, ["a: ip addr add 10.5.0.1/24 dev eth0", "a: ip addr del 10.5.0.1/24 dev eth0"]);
    expect(routes(s)).toEqual(["10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1 "]);
    expect(inet(s)).toEqual(["    inet 10.0.0.1/24 scope global eth0"]);
  });

  it("[AD4] removes every route using the address as src (fib_sync_down_addr)", () => {
    const s = exec(BASE, [
      "a: ip addr add 10.0.0.5/24 dev eth0",
      "a: ip route add 10.6.0.0/16 via 10.0.0.2 src 10.0.0.5",
      "a: ip route add 10.7.0.0/16 via 10.0.0.2",
      "a: ip addr del 10.0.0.5/24 dev eth0",
    ]);
    expect(routes(s)).toEqual(["10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1 ", "10.7.0.0/16 via 10.0.0.2 dev eth0 "]);
  });

  it("[AD4] deleting a primary deletes its secondaries", () => {
    const s = exec(BASE, ["a: ip addr add 10.0.0.2/24 dev eth0", "a: ip addr add 10.0.0.3/24 dev eth0", "a: ip addr add 10.8.0.1/16 dev eth0", "a: ip addr del 10.0.0.1/24 dev eth0"]);
    expect(inet(s)).toEqual(["    inet 10.8.0.1/16 scope global eth0"]);
    expect(routes(s)).toEqual(["10.8.0.0/16 dev eth0 proto kernel scope link src 10.8.0.1 "]);
  });

  it("[AD4] deleting a secondary keeps the primary and its route", () => {
    const s = exec(BASE, ["a: ip addr add 10.0.0.2/24 dev eth0", "a: ip addr del 10.0.0.2/24 dev eth0"]);
    expect(inet(s)).toEqual(["    inet 10.0.0.1/24 scope global eth0"]);
    expect(routes(s)).toEqual(["10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1 "]);
  });

  it("[AD4] when the device has no address left, every route through it goes (fib_disable_ip)", () => {
    const s = exec(BASE, ["a: ip route add 10.6.0.0/16 via 10.0.0.2", "a: ip route add 10.7.0.0/16 dev eth0", "a: ip route add default via 10.0.0.2", "a: ip addr del 10.0.0.1/24 dev eth0"]);
    expect(routes(s)).toEqual([]);
  });

  it("[AD4] without /L the first address equal to A is deleted, whatever its length", () => {
    const s = exec(BASE, ["a: ip addr add 10.0.0.1/16 dev eth0", "a: ip addr del 10.0.0.1 dev eth0"]);
    expect(inet(s)).toEqual(["    inet 10.0.0.1/16 scope global eth0"]);
    expect(refusal(BASE, "a: ip addr del 10.0.0.1/25 dev eth0").error).toBe("Error: ipv4: Address not found.");
  });

  it("[AD4] ip addr flush removes every address of the device and its routes", () => {
    const s = exec(BASE, ["a: ip addr add 10.9.0.1/24 dev eth0", "a: ip route add 10.6.0.0/16 via 10.0.0.2", "a: ip addr flush dev eth0"]);
    expect(inet(s)).toEqual([]);
    expect(routes(s)).toEqual([]);
  });
});
