/** The kernel sandbox's rules for setup lines and ping output, without touching the kernel. */
import { describe, expect, it } from "vitest";
import { splitCommandLine } from "../../server/kernel/command-line";
import { classifyPingOutput } from "../../server/kernel/ping-output";
import { sandboxCommand } from "../../server/kernel/sandbox-policy";

const namespaceOf = (host: string) => (["pod-a", "node1"].includes(host) ? `pp1x1-${host}` : undefined);
const sandboxLine = (line: string) => {
  const split = splitCommandLine(line);
  if (!split.ok) return split;
  return sandboxCommand(split.argv, namespaceOf);
};

describe("splitCommandLine", () => {
  it("splits like sh for plain words and quotes", () => {
    expect(splitCommandLine(`iptables -A X -m comment --comment "kube svc" -j ACCEPT`)).toEqual({
      ok: true,
      argv: ["iptables", "-A", "X", "-m", "comment", "--comment", "kube svc", "-j", "ACCEPT"],
    });
    expect(splitCommandLine(`a 'it''s' "say \\"hi\\"" b\\ c  # trailing comment`)).toEqual({ ok: true, argv: ["a", "its", 'say "hi"', "b c"] });
    expect(splitCommandLine(`iptables ! -s 10.0.0.0/8 -j DROP`)).toEqual({ ok: true, argv: ["iptables", "!", "-s", "10.0.0.0/8", "-j", "DROP"] });
  });

  it("refuses what would need a shell", () => {
    for (const line of ["ip link; reboot", "ip a | cat", "ip a > /tmp/x", "ip a && ip r", "echo $(id)", "echo `id`", `echo "$HOME"`, "echo $HOME"]) {
      expect(splitCommandLine(line).ok, line).toBe(false);
    }
    expect(splitCommandLine("ip 'unterminated")).toEqual({ ok: false, error: "unterminated single quote" });
    expect(splitCommandLine("   ")).toEqual({ ok: false, error: "empty command line" });
  });
});

describe("sandboxCommand", () => {
  it("allows only the networking tools", () => {
    expect(sandboxLine("sh -c 'id'")).toMatchObject({ ok: false, error: expect.stringMatching(/^"sh" is not allowed/) });
    expect(sandboxLine("/usr/sbin/ip link")).toMatchObject({ ok: false });
    expect(sandboxLine("ping 10.0.0.1")).toMatchObject({ ok: false });
    expect(sandboxLine("ip link set eth0 up")).toEqual({ ok: true, program: "ip", args: ["link", "set", "eth0", "up"] });
  });

  it("rewrites netns HOST to the host's namespace and refuses anything else", () => {
    expect(sandboxLine("ip link add veth-a type veth peer name eth0 netns pod-a")).toEqual({
      ok: true,
      program: "ip",
      args: ["link", "add", "veth-a", "type", "veth", "peer", "name", "eth0", "netns", "pp1x1-pod-a"],
    });
    expect(sandboxLine("ip link set eth0 netns node1")).toMatchObject({ ok: true, args: ["link", "set", "eth0", "netns", "pp1x1-node1"] });
    for (const line of ["ip link set eth0 netns 1", "ip link set eth0 netns /proc/1/ns/net", "ip link set eth0 netns ghost", "ip link set eth0 netns"]) {
      expect(sandboxLine(line), line).toMatchObject({ ok: false, error: expect.stringContaining("does not name a host") });
    }
    expect(sandboxLine("ip link add v type veth peer name p link-netnsid 0")).toMatchObject({ ok: false });
    expect(sandboxLine("ip link add v link-net node1 type veth peer name p")).toMatchObject({ ok: true, args: expect.arrayContaining(["pp1x1-node1"]) });
  });

  it("refuses ip objects and options that leave the namespace, run programs or never end", () => {
    for (const line of ["ip netns add x", "ip net exec x id", "ip -n node1 link", "ip -netns node1 link", "ip -b /etc/x", "ip -all netns exec id", "ip vrf exec v id", "ip monitor", "ip --force link"]) {
      expect(sandboxLine(line).ok, line).toBe(false);
    }
    expect(sandboxLine("ip -4 -o a")).toMatchObject({ ok: true });
    expect(sandboxLine("ip -br -c=never link show")).toMatchObject({ ok: true });
    expect(sandboxLine("bridge -n x fdb")).toMatchObject({ ok: false });
    expect(sandboxLine("bridge monitor")).toMatchObject({ ok: false });
    expect(sandboxLine("bridge fdb append 00:00:00:00:00:00 dev flannel.1 dst 192.168.0.12")).toMatchObject({ ok: true });
  });

  it("refuses iptables --modprobe, save/restore files and non-net sysctls", () => {
    for (const line of ["iptables --modprobe=/bin/sh -L", "iptables --mod /bin/sh -L", "iptables -M /bin/sh -L", "iptables -nM/bin/sh -L", "iptables-save -f /etc/x", "iptables-restore /etc/x", "iptables-restore -M /bin/sh"]) {
      expect(sandboxLine(line).ok, line).toBe(false);
    }
    // -A takes the rest of its word as the chain name: the M in KUBE-MARK-MASQ is not -M.
    expect(sandboxLine("iptables -t nat -AKUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000")).toMatchObject({ ok: true });
    expect(sandboxLine("iptables -m statistic --mode random --probability 0.5 -j ACCEPT")).toMatchObject({ ok: true });
    expect(sandboxLine("iptables-restore --noflush")).toMatchObject({ ok: true });
    expect(sandboxLine("iptables-save -t nat")).toMatchObject({ ok: true });
    for (const line of ["sysctl -w kernel.panic=1", "sysctl -p", "sysctl --system", "sysctl -w net/../kernel/panic=1", "sysctl -w net..ipv4=1"]) {
      expect(sandboxLine(line).ok, line).toBe(false);
    }
    expect(sandboxLine("sysctl -w net.ipv4.conf.all.rp_filter=0 net.bridge.bridge-nf-call-iptables=1")).toMatchObject({ ok: true });
    expect(sandboxLine("conntrack -E")).toMatchObject({ ok: false });
    expect(sandboxLine("conntrack -L")).toMatchObject({ ok: true });
  });
});

describe("classifyPingOutput (iputils 20221126 strings)", () => {
  const stats = "\n--- 10.0.0.2 ping statistics ---\n1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms\n";
  it.each([
    ["64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=0.872 ms", "", { result: "reply", replyFrom: "10.0.0.2" }],
    [`From 10.0.0.1 icmp_seq=1 Destination Host Unreachable${stats}`, "", { result: "unreachable" }],
    [`From 10.0.0.2 icmp_seq=1 Destination Net Unreachable${stats}`, "", { result: "unreachable" }],
    [`From 10.0.0.2 icmp_seq=1 Destination Host Prohibited${stats}`, "", { result: "unreachable" }],
    [`From 10.1.0.1 icmp_seq=1 Frag needed and DF set (mtu = 1400)${stats}`, "", { result: "unreachable" }],
    [`From 10.0.0.2 icmp_seq=1 Destination Port Unreachable${stats}`, "", { result: "refused" }],
    ["", "ping: connect: Network is unreachable", { result: "unreachable", detail: "ping: connect: Network is unreachable" }],
    ["", "/usr/bin/ping: local error: message too long, mtu=1400", { result: "local-error", detail: "ping: local error: message too long, mtu=1400" }],
    ["", "/usr/bin/ping: bind: Cannot assign requested address", { result: "local-error" }],
    [`PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.${stats}`, "", { result: "timeout" }],
  ])("%j %j", (stdout, stderr, expected) => {
    expect(classifyPingOutput(stdout, stderr)).toMatchObject(expected);
  });
});
