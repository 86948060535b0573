/** Refusals read as the real tools print them (iproute2 and the kernel's extack messages, SPEC RT5/RT6/AD2...). */
import { describe, expect, it } from "vitest";
import { build, refusal } from "./build";

/** a: eth0 10.0.0.1/24 up (peer in b), eth1 down (peer in b), dummy0 down; lo up. */
const S = build(
  ["a", "b"],
  [
    "a: ip link set lo up",
    "a: ip link add eth0 type veth peer name eth0 netns b",
    "a: ip addr add 10.0.0.1/24 dev eth0",
    "a: ip link set eth0 up",
    "a: ip link add eth1 type veth peer name eth1 netns b",
    "a: ip addr add 10.1.0.1/24 dev eth1",
    "a: ip link add dummy0 type dummy",
    "a: ip route add 10.9.0.0/16 via 10.0.0.2",
    "a: ip neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev eth0",
  ],
);

describe("error messages", () => {
  it.each([
    ["ip link set nosuch up", 'Cannot find device "nosuch"'],
    ["ip addr add 10.2.0.1/24 dev nosuch", 'Cannot find device "nosuch"'],
    ["ip route add 10.3.0.0/16 dev nosuch", 'Cannot find device "nosuch"'],
    ["ip neigh add 10.0.0.8 lladdr 02:00:00:00:00:08 dev nosuch", 'Cannot find device "nosuch"'],
    ["ip link show nosuch", 'Device "nosuch" does not exist.'],
  ])("%s → %s", (line, error) => {
    expect(refusal(S, `a: ${line}`).error).toBe(error);
  });

  it("[RT6] adding the same prefix and metric twice: RTNETLINK answers: File exists (the connected route included)", () => {
    expect(refusal(S, "a: ip route add 10.9.0.0/16 via 10.0.0.2").error).toBe("RTNETLINK answers: File exists");
    expect(refusal(S, "a: ip route add 10.0.0.0/24 dev eth0").error).toBe("RTNETLINK answers: File exists");
  });

  it("[RT5] a gateway no connected route reaches: Error: Nexthop has invalid gateway.", () => {
    expect(refusal(S, "a: ip route add 10.4.0.0/16 via 172.16.0.1").error).toBe("Error: Nexthop has invalid gateway.");
  });

  it("[RT5] host bits set in the prefix: Error: Invalid prefix for given prefix length., pointing at the prefix", () => {
    const r = refusal(S, "a: ip route add 10.4.0.1/16 dev eth0");
    expect(r.error).toBe("Error: Invalid prefix for given prefix length.");
    expect(r.column).toBe("ip route add ".length);
  });

  it("[AD2] the same address and mask twice: Error: ipv4: Address already assigned.", () => {
    expect(refusal(S, "a: ip addr add 10.0.0.1/24 dev eth0").error).toBe("Error: ipv4: Address already assigned.");
  });

  it("[RT5] a src that is not a local address: Error: Invalid prefsrc address.", () => {
    expect(refusal(S, "a: ip route add 10.4.0.0/16 dev eth0 src 10.0.0.99").error).toBe("Error: Invalid prefsrc address.");
  });

  it("[RT5] a dev-only route through a down device: Error: Device for nexthop is not up.", () => {
    expect(refusal(S, "a: ip route add 10.4.0.0/16 dev dummy0").error).toBe("Error: Device for nexthop is not up.");
  });

  it("[RT5] onlink without dev, and onlink through a down device", () => {
    expect(refusal(S, "a: ip route add 10.4.0.0/16 via 172.16.0.1 onlink").error).toBe("Error: Nexthop device required for onlink.");
    expect(refusal(S, "a: ip route add 10.4.0.0/16 via 172.16.0.1 dev dummy0 onlink").error).toBe("Error: Nexthop device is not up.");
  });

  it("[RT5] neither via nor dev: RTNETLINK answers: No such device", () => {
    expect(refusal(S, "a: ip route add 10.4.0.0/16").error).toBe("RTNETLINK answers: No such device");
  });

  it("[RT10] deleting a route that is not there: RTNETLINK answers: No such process", () => {
    expect(refusal(S, "a: ip route del 10.4.0.0/16").error).toBe("RTNETLINK answers: No such process");
    expect(refusal(S, "a: ip route del 10.9.0.0/16 via 10.0.0.3").error).toBe("RTNETLINK answers: No such process");
  });

  it("[RT6] change needs an existing route: RTNETLINK answers: No such file or directory", () => {
    expect(refusal(S, "a: ip route change 10.4.0.0/16 dev eth0").error).toBe("RTNETLINK answers: No such file or directory");
  });

  it("[AD4] deleting an address the device does not have: Error: ipv4: Address not found.", () => {
    expect(refusal(S, "a: ip addr del 10.0.0.77/24 dev eth0").error).toBe("Error: ipv4: Address not found.");
  });

  it("[NB3] ip neigh add on an existing entry: RTNETLINK answers: File exists", () => {
    expect(refusal(S, "a: ip neigh add 10.0.0.9 lladdr 02:00:00:00:00:0a dev eth0").error).toBe("RTNETLINK answers: File exists");
  });

  it("[LK1] adding a device whose name is taken: RTNETLINK answers: File exists", () => {
    expect(refusal(S, "a: ip link add eth0 type dummy").error).toBe("RTNETLINK answers: File exists");
  });

  it("an mtu below the device minimum: Error: mtu less than device minimum.", () => {
    expect(refusal(S, "a: ip link set eth0 mtu 50").error).toBe("Error: mtu less than device minimum.");
  });

  it("[SY4] a per-device key for a device that does not exist: sysctl: cannot stat ...", () => {
    expect(refusal(S, "a: sysctl -w net.ipv4.conf.nosuch.rp_filter=1").error).toBe(
      "sysctl: cannot stat /proc/sys/net/ipv4/conf/nosuch/rp_filter: No such file or directory",
    );
  });

  it("iproute2's argument errors quote the bad word and point at it", () => {
    const mtu = refusal(S, "a: ip link set eth0 mtu abc");
    expect(mtu.error).toBe('Error: argument "abc" is wrong: Invalid "mtu" value');
    expect(mtu.column).toBe("ip link set eth0 mtu ".length);
    const prefix = refusal(S, "a: ip addr add 10.0.0.300/24 dev eth0");
    expect(prefix.error).toBe('Error: any valid prefix is expected rather than "10.0.0.300/24".');
    expect(prefix.column).toBe("ip addr add ".length);
  });

  it("[AD1] an address that is not a plain dotted quad is refused with a column at that word", () => {
    for (const [line, word] of [
      ["ip route add 10.4.0.0/16 via 10.1", "10.1"],
      ["ip addr add 010.0.0.5/24 dev eth0", "010.0.0.5/24"],
      ["ip route add 10.4.0.0/16 via 10.0.0.2 src 10.0.0.01", "10.0.0.01"],
    ] as const) {
      const r = refusal(S, `a: ${line}`);
      expect(r.error, line).toContain(`"${word}"`);
      expect(r.column, line).toBe(line.indexOf(word));
    }
  });

  it("a missing argument says the line is not complete", () => {
    const r = refusal(S, "a: ip route add 10.4.0.0/16 via");
    expect(r.error).toBe('Command line is not complete. Try "ip route help".');
    expect(r.column).toBe("ip route add 10.4.0.0/16 via".length);
  });
});
