/**
 * Each match and target: the line typed, the line iptables -S prints back ([IPT10]) and the
 * text `iptables -L -n` prints after the addresses ([IPT11]). Expected texts are the real
 * tools' (see transcripts/rules.json).
 */
import { describe, expect, it } from "vitest";
import { fresh, out, rulesOf, run } from "./helpers";

/** typed (after "-A X"), printed by -S (after "-A X"), printed by -L -n after the destination. */
const FILTER: readonly [string, string, string][] = [
  ["-s 10.0.0.1 -d 10.1.0.0/255.255.0.0 -p tcp --dport 80 -j ACCEPT", "-s 10.0.0.1/32 -d 10.1.0.0/16 -p tcp -m tcp --dport 80 -j ACCEPT", " tcp dpt:80"],
  ["! -s 10.0.0.0/8 ! -d 10.1.2.3/16 -p udp --sport 53 -j DROP", "! -s 10.0.0.0/8 ! -d 10.1.0.0/16 -p udp -m udp --sport 53 -j DROP", " udp spt:53"],
  ["-p 6 -m tcp ! --sport 1:1024 ! --dport 8080:8090 -j RETURN", "-p tcp -m tcp ! --sport 1:1024 ! --dport 8080:8090 -j RETURN", " tcp spts:!1:1024 dpts:!8080:8090"],
  ["-p tcp --dport 80: -j ACCEPT", "-p tcp -m tcp --dport 80:65535 -j ACCEPT", " tcp dpts:80:65535"],
  ["-p udp --sport 0:65535", "-p udp -m udp", " udp"],
  ["-p tcp --dport http -j ACCEPT", "-p tcp -m tcp --dport 80 -j ACCEPT", " tcp dpt:80"],
  ["-p icmp --icmp-type echo-request -j ACCEPT", "-p icmp -m icmp --icmp-type 8 -j ACCEPT", " icmptype 8"],
  ["-p icmp ! --icmp-type 3/4", "-p icmp -m icmp ! --icmp-type 3/4", " icmp !type 3 code 4"],
  ["-p icmp --icmp-type any", "-p icmp -m icmp --icmp-type any", " icmptype 255"],
  ["-p tcp -m multiport --dports 80,443,8000:8080 -j ACCEPT", "-p tcp -m multiport --dports 80,443,8000:8080 -j ACCEPT", " multiport dports 80,443,8000:8080"],
  ["-p udp -m multiport ! --sports 53,67", "-p udp -m multiport ! --sports 53,67", " multiport sports  !53,67"],
  ['-m comment --comment "default/web:http" -m comment --comment plain', '-m comment --comment "default/web:http" -m comment --comment plain', " /* default/web:http */ /* plain */"],
  ["-m conntrack --ctstate ESTABLISHED,RELATED,new -j ACCEPT", "-m conntrack --ctstate NEW,RELATED,ESTABLISHED -j ACCEPT", " ctstate NEW,RELATED,ESTABLISHED"],
  ["-m conntrack ! --ctstate INVALID", "-m conntrack ! --ctstate INVALID", " ! ctstate INVALID"],
  ["-m state --state NEW", "-m state --state NEW", " state NEW"],
  ["-m mark ! --mark 0x4000/0x4000 -j RETURN", "-m mark ! --mark 0x4000/0x4000 -j RETURN", " mark match ! 0x4000/0x4000"],
  ["-m mark --mark 010/0xffffffff", "-m mark --mark 0x8", " mark match 0x8"],
  ["-m addrtype --dst-type LOCAL", "-m addrtype --dst-type LOCAL", " ADDRTYPE match dst-type LOCAL"],
  ["-m addrtype ! --src-type local --limit-iface-in", "-m addrtype ! --src-type LOCAL --limit-iface-in", " ADDRTYPE match src-type !LOCAL limit-in"],
  ["-m physdev --physdev-in veth+ ! --physdev-out eth0 --physdev-is-bridged", "-m physdev --physdev-in veth+ ! --physdev-out eth0 --physdev-is-bridged", " PHYSDEV match --physdev-in veth+ ! --physdev-out eth0 --physdev-is-bridged"],
  ["-m statistic --mode random --probability 0.5", "-m statistic --mode random --probability 0.50000000000", " statistic mode random probability 0.50000000000"],
  ["-m statistic --mode random --probability 0.3333333333", "-m statistic --mode random --probability 0.33333333349", " statistic mode random probability 0.33333333349"],
  ["-m statistic --mode nth --every 2 --packet 0", "-m statistic --mode nth --every 2 --packet 0", " statistic mode nth every 2"],
  ["-m statistic --mode nth --every 3 --packet 2", "-m statistic --mode nth --every 3 --packet 2", " statistic mode nth every 3 packet 2"],
  ["-j REJECT", "-j REJECT --reject-with icmp-port-unreachable", " reject-with icmp-port-unreachable"],
  ["-p tcp -j REJECT --reject-with tcp-rst", "-p tcp -j REJECT --reject-with tcp-reset", " reject-with tcp-reset"],
  ['-j LOG --log-prefix "FW: " --log-level 4', '-j LOG --log-prefix "FW: "', ' LOG flags 0 level 4 prefix "FW: "'],
  ["-j LOG --log-level debug", "-j LOG --log-level 7", " LOG flags 0 level 7"],
  ["-j MARK --or-mark 0x4000", "-j MARK --set-xmark 0x4000/0x4000", " MARK or 0x4000"],
];

const NAT: readonly [string, string, string][] = [
  ["-p tcp -j DNAT --to-destination 10.244.0.3:8080", "-p tcp -j DNAT --to-destination 10.244.0.3:8080", " to:10.244.0.3:8080"],
  ["-p tcp -j DNAT --to 10.0.0.1-10.0.0.5:80-90 --random --persistent", "-p tcp -j DNAT --to-destination 10.0.0.1-10.0.0.5:80-90 --random --persistent", " to:10.0.0.1-10.0.0.5:80-90 random persistent"],
  ["-p tcp -j DNAT --to-destination :8080", "-p tcp -j DNAT --to-destination :8080", " to::8080"],
];

describe("matches and targets, typed and printed back", () => {
  it.each(FILTER)("[IPT10][IPT11] -A X %s", (typed, saved, listed) => {
    const s = run(fresh(), "iptables -N X", `iptables -A X ${typed}`);
    expect(rulesOf(s, "filter", "X")).toEqual([`-A X ${saved}`]);
    const line = out(s, "iptables -L X -n").split("\n")[2]!;
    expect(line.slice(61)).toBe(listed);
  });

  it.each(NAT)("[IPT10][IPT11] -t nat -A PREROUTING %s", (typed, saved, listed) => {
    const s = run(fresh(), `iptables -t nat -A PREROUTING ${typed}`);
    expect(rulesOf(s, "nat", "PREROUTING")).toEqual([`-A PREROUTING ${saved}`]);
    expect(out(s, "iptables -t nat -L PREROUTING -n").split("\n")[2]!.slice(61)).toBe(listed);
  });

  it("[IPT5] every MARK form is stored as --set-xmark VALUE/MASK and named back by -L", () => {
    const forms = ["--set-mark 0x4000/0x4000", "--set-mark 5", "--set-xmark 0x10/0x30", "--or-mark 0x4000", "--and-mark 0x4000", "--xor-mark 0x4000"];
    const s = run(fresh(), ...forms.map((f) => `iptables -t mangle -A PREROUTING -j MARK ${f}`));
    expect(rulesOf(s, "mangle", "PREROUTING").map((l) => l.replace("-A PREROUTING -j MARK ", ""))).toEqual([
      "--set-xmark 0x4000/0x4000", "--set-xmark 0x5/0xffffffff", "--set-xmark 0x10/0x30", "--set-xmark 0x4000/0x4000", "--set-xmark 0x0/0xffffbfff", "--set-xmark 0x4000/0x0",
    ]);
    const listed = out(s, "iptables -t mangle -L PREROUTING -n").split("\n").slice(2, 8).map((l) => l.slice(61));
    expect(listed).toEqual([" MARK or 0x4000", " MARK set 0x5", " MARK xset 0x10/0x30", " MARK or 0x4000", " MARK and 0x4000", " MARK xor 0x4000"]);
  });

  it("[IPT4] `-p tcp --dport` loads the tcp match where the option stands, after earlier -m", () => {
    const s = run(fresh(), "iptables -A INPUT -p tcp -m comment --comment x --dport 80 -j ACCEPT", "iptables -A INPUT -p tcp --dport 80 -m comment --comment x -j ACCEPT");
    expect(rulesOf(s, "filter", "INPUT")).toEqual([
      "-A INPUT -p tcp -m comment --comment x -m tcp --dport 80 -j ACCEPT",
      "-A INPUT -p tcp -m tcp --dport 80 -m comment --comment x -j ACCEPT",
    ]);
  });

  it("[IPT3] comma lists make one rule per source and destination pair, sources outer", () => {
    const s = run(fresh(), "iptables -A FORWARD -s 1.2.3.4,1.2.3.5 -d 5.6.7.8/24,9.9.9.9 -j ACCEPT");
    expect(rulesOf(s, "filter", "FORWARD")).toEqual([
      "-A FORWARD -s 1.2.3.4/32 -d 5.6.7.0/24 -j ACCEPT",
      "-A FORWARD -s 1.2.3.4/32 -d 9.9.9.9/32 -j ACCEPT",
      "-A FORWARD -s 1.2.3.5/32 -d 5.6.7.0/24 -j ACCEPT",
      "-A FORWARD -s 1.2.3.5/32 -d 9.9.9.9/32 -j ACCEPT",
    ]);
  });

  it("[IPT3] inet_aton forms are read as iptables reads them and printed canonically", () => {
    const s = run(fresh(), "iptables -A INPUT -s 10.1 -j ACCEPT", "iptables -A INPUT -s 010.1.1.1 -j ACCEPT", "iptables -A INPUT -s 0/0 -j ACCEPT");
    expect(rulesOf(s, "filter", "INPUT")).toEqual(["-A INPUT -s 10.0.0.1/32 -j ACCEPT", "-A INPUT -s 8.1.1.1/32 -j ACCEPT", "-A INPUT -j ACCEPT"]);
  });

  it("[IPT11] -L without -n names protocols, services and ICMP types; addresses stay numeric", () => {
    const s = run(fresh(), "iptables -A INPUT -s 10.0.0.1 -p tcp --dport 80 -j ACCEPT", "iptables -A INPUT -p icmp --icmp-type echo-request", "iptables -A INPUT -s 127.0.0.1 -d 127.0.0.0/8");
    expect(out(s, "iptables -L INPUT").split("\n").slice(2, 5)).toEqual([
      "ACCEPT     tcp  --  10.0.0.1             anywhere             tcp dpt:http",
      "           icmp --  anywhere             anywhere             icmp echo-request",
      "           all  --  localhost            loopback/8          ",
    ]);
  });
});
