/** Sysctls: SY1-SY4 (SY3's effect on packets is in routing.test.ts). */
import { describe, expect, it } from "vitest";
import { build, exec, out, refusal } from "./build";

const read = (s: ReturnType<typeof build>, key: string): string => out(s, `a: sysctl -n ${key}`).trim();
const S = build(["a"], ["a: ip link add eth0 type dummy"]);

describe("[SY1] a fresh namespace", () => {
  it.each([
    ["net.ipv4.ip_forward", "0"],
    ["net.ipv4.conf.all.forwarding", "0"],
    ["net.ipv4.conf.default.forwarding", "0"],
    ["net.ipv4.conf.all.rp_filter", "0"],
    ["net.ipv4.conf.default.rp_filter", "0"],
    ["net.ipv4.conf.all.proxy_arp", "0"],
    ["net.ipv4.conf.all.route_localnet", "0"],
    ["net.ipv4.conf.all.accept_local", "0"],
    ["net.ipv4.conf.default.accept_local", "0"],
    ["net.ipv4.conf.lo.rp_filter", "0"],
    ["net.ipv4.conf.eth0.rp_filter", "0"],
    ["net.bridge.bridge-nf-call-iptables", "1"],
  ])("[SY1] %s = %s", (key, value) => {
    expect(read(S, key)).toBe(value);
  });

  it("[SY1] sysctl KEY prints `KEY = VALUE`", () => {
    expect(out(S, "a: sysctl net.ipv4.ip_forward")).toBe("net.ipv4.ip_forward = 0\n");
  });
});

describe("[SY2] new devices copy net.ipv4.conf.default.*", () => {
  it("[SY2] a device created after a change to default gets it; existing devices keep theirs", () => {
    const s = exec(S, ["a: sysctl -w net.ipv4.conf.default.rp_filter=2", "a: sysctl -w net.ipv4.conf.default.accept_local=1", "a: ip link add eth1 type dummy"]);
    expect(read(s, "net.ipv4.conf.eth1.rp_filter")).toBe("2");
    expect(read(s, "net.ipv4.conf.eth1.accept_local")).toBe("1");
    expect(read(s, "net.ipv4.conf.eth0.rp_filter")).toBe("0");
    expect(read(s, "net.ipv4.conf.all.rp_filter")).toBe("0");
  });

  it("[SY2] a device name with a dot is written with a slash", () => {
    const s = exec(S, ["a: ip link add flannel.1 type dummy", "a: sysctl -w net.ipv4.conf.flannel/1.rp_filter=2"]);
    expect(read(s, "net.ipv4.conf.flannel/1.rp_filter")).toBe("2");
    expect(read(s, "net.ipv4.conf.eth0.rp_filter")).toBe("0");
  });
});

describe("[SY3] the rp_filter in force", () => {
  it("[SY3] writing conf.all.rp_filter does not change conf.DEV.rp_filter (the max is taken when a packet arrives)", () => {
    const s = exec(S, ["a: sysctl -w net.ipv4.conf.all.rp_filter=1"]);
    expect(read(s, "net.ipv4.conf.all.rp_filter")).toBe("1");
    expect(read(s, "net.ipv4.conf.eth0.rp_filter")).toBe("0");
  });
});

describe("[SY4] ip_forward and unmodelled keys", () => {
  it("[SY4] writing ip_forward sets forwarding on all, default and every device", () => {
    const s = exec(S, ["a: sysctl -w net.ipv4.ip_forward=1"]);
    for (const k of ["net.ipv4.ip_forward", "net.ipv4.conf.all.forwarding", "net.ipv4.conf.default.forwarding", "net.ipv4.conf.lo.forwarding", "net.ipv4.conf.eth0.forwarding"]) expect(read(s, k), k).toBe("1");
    expect(read(exec(s, ["a: ip link add eth1 type dummy"]), "net.ipv4.conf.eth1.forwarding")).toBe("1");
    const off = exec(s, ["a: sysctl -w net.ipv4.ip_forward=0"]);
    expect(read(off, "net.ipv4.conf.eth0.forwarding")).toBe("0");
  });

  it("[SY4] writing conf.all.forwarding does the same and shows as ip_forward", () => {
    const s = exec(S, ["a: sysctl -w net.ipv4.conf.all.forwarding=1"]);
    expect(read(s, "net.ipv4.ip_forward")).toBe("1");
    expect(read(s, "net.ipv4.conf.eth0.forwarding")).toBe("1");
    expect(read(s, "net.ipv4.conf.default.forwarding")).toBe("1");
  });

  it("[SY4] writing one device's forwarding touches only that device", () => {
    const s = exec(S, ["a: sysctl -w net.ipv4.conf.eth0.forwarding=1"]);
    expect(read(s, "net.ipv4.conf.eth0.forwarding")).toBe("1");
    expect(read(s, "net.ipv4.ip_forward")).toBe("0");
    expect(read(s, "net.ipv4.conf.lo.forwarding")).toBe("0");
  });

  it("[SY4] sysctl -w echoes each assignment", () => {
    expect(out(S, "a: sysctl -w net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=2")).toBe("net.ipv4.ip_forward = 1\nnet.ipv4.conf.all.rp_filter = 2\n");
    expect(out(S, "a: sysctl -q -w net.ipv4.ip_forward=1")).toBe("");
  });

  it.each(["net.ipv4.tcp_syncookies=1", "net.core.somaxconn=4096", "net.ipv4.conf.all.arp_ignore=1", "kernel.hostname=x"])("[SY4] %s is refused by name", (assignment) => {
    const key = assignment.split("=")[0]!;
    const r = refusal(S, `a: sysctl -w ${assignment}`);
    expect(r.error.includes(key) || r.error.includes(key.replaceAll(".", "/"))).toBe(true);
    expect(r.column).toBe("sysctl -w ".length);
  });
});
