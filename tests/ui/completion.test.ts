import { describe, expect, it } from "vitest";
import { applyCompletion, commonPrefix, complete, type CompletionContext } from "../../app/_lib/completion";

const ctx: CompletionContext = {
  devices: ["lo", "eth0", "cni0", "veth71866a09", "flannel.1"],
  bridges: ["cni0"],
  chains: { filter: ["INPUT", "FORWARD", "OUTPUT"], nat: ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING", "KUBE-SERVICES"], mangle: [], raw: [] },
};
const tab = (line: string, cursor = line.length) => applyCompletion(line, cursor, ctx);

describe("tab completion", () => {
  it("completes command words", () => {
    expect(tab("ipt")).toEqual({ line: "iptables", cursor: 8 });
    expect(tab("iptables")).toMatchObject({ line: "iptables", list: ["iptables", "iptables-save", "iptables-restore"] });
    expect(tab("iptables-s")).toEqual({ line: "iptables-save ", cursor: 14 });
    expect(tab("tcpd")).toEqual({ line: "tcpdump ", cursor: 8 });
  });

  it("completes ip objects, verbs and device names", () => {
    expect(tab("ip ro")).toEqual({ line: "ip route ", cursor: 9 });
    expect(tab("ip link set ve")).toEqual({ line: "ip link set veth71866a09 ", cursor: 25 });
    expect(tab("ip link set veth71866a09 mas")).toEqual({ line: "ip link set veth71866a09 master ", cursor: 32 });
    expect(tab("ip link set veth71866a09 master c")).toEqual({ line: "ip link set veth71866a09 master cni0 ", cursor: 37 });
    expect(tab("ip route add 10.244.1.0/24 via 192.168.50.2 dev e")).toMatchObject({ line: "ip route add 10.244.1.0/24 via 192.168.50.2 dev eth0 " });
  });

  it("completes iptables tables, chains of the table named by -t, and targets", () => {
    expect(tab("iptables -t n")).toEqual({ line: "iptables -t nat ", cursor: 16 });
    expect(tab("iptables -t nat -A PO")).toEqual({ line: "iptables -t nat -A POSTROUTING ", cursor: 31 });
    expect(tab("iptables -A FO")).toEqual({ line: "iptables -A FORWARD ", cursor: 20 });
    expect(tab("iptables -t nat -A PREROUTING -j DN")).toMatchObject({ line: "iptables -t nat -A PREROUTING -j DNAT " });
    expect(tab("iptables -t nat -A PREROUTING -j KUBE")).toMatchObject({ line: "iptables -t nat -A PREROUTING -j KUBE-SERVICES " });
    expect(tab("iptables -m conn")).toMatchObject({ line: "iptables -m conntrack " });
    expect(tab("iptables -m conntrack --ctstate EST")).toMatchObject({ line: "iptables -m conntrack --ctstate ESTABLISHED " });
  });

  it("completes sysctl keys, writing a device with dots as sysctl does", () => {
    expect(tab("sysctl -w net.ipv4.ip_f")).toMatchObject({ line: "sysctl -w net.ipv4.ip_forward " });
    expect(complete("sysctl net.ipv4.conf.flannel/1.rp", 35, ctx).candidates).toEqual(["net.ipv4.conf.flannel/1.rp_filter"]);
  });

  it("lists the choices when the common prefix adds nothing, and rings when nothing fits", () => {
    expect(tab("ip link set ")).toMatchObject({ list: ["lo", "eth0", "cni0", "veth71866a09", "flannel.1"] });
    expect(tab("frobnicate ")).toEqual({ line: "frobnicate ", cursor: 11 });
  });

  it("completes a word in the middle of the line", () => {
    expect(applyCompletion("ip ro show", 5, ctx)).toEqual({ line: "ip route show", cursor: 8 });
  });

  it("finds the common prefix", () => {
    expect(commonPrefix(["KUBE-SVC-A", "KUBE-SVC-B", "KUBE-SEP-C"])).toBe("KUBE-S");
    expect(commonPrefix([])).toBe("");
  });
});
