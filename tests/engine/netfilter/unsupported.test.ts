/** [IPT19] Real features PodPath does not model are refused by name, never accepted silently. */
import { describe, expect, it } from "vitest";
import { fresh, refused, rulesOf, run } from "./helpers";

describe("refused by name", () => {
  it.each([
    ["iptables -A INPUT -m recent --set", "recent"],
    ["iptables -A INPUT -m limit --limit 1/s -j ACCEPT", "limit"],
    ["iptables -t raw -A PREROUTING -j CT --notrack", "CT"],
    ["iptables -t mangle -A PREROUTING -p tcp -j TPROXY --on-port 1", "TPROXY"],
    ["iptables -A INPUT -j NFLOG", "NFLOG"],
    ["iptables -A INPUT -p sctp -j ACCEPT", "sctp"],
    ["iptables -t security -L", "security"],
    ["iptables -A INPUT -f -j DROP", "-f"],
    ["iptables -6 -L", "-6"],
    ["ip6tables -L", "ip6tables"],
    ["iptables -A INPUT -p tcp --syn -j ACCEPT", "--syn"],
    ["iptables -A INPUT -m conntrack --ctstatus ASSURED", "--ctstatus"],
    ["iptables -A INPUT -j LOG --log-uid", "--log-uid"],
    ["iptables -A INPUT -m addrtype --src-type LOCAL,UNICAST", "LOCAL,UNICAST"],
    ["iptables -A INPUT -v -j ACCEPT", "-v"],
    ["conntrack -D -p tcp", "-D"],
    ["conntrack -L -o xml", "-o"],
    ["iptables-restore /etc/iptables/rules.v4", "rules.v4"],
  ])("%s names %s", (line, word) => {
    expect(refused(fresh(), line).error).toContain(word);
  });

  it("--wait and -4 are accepted and change nothing else", () => {
    const s = run(fresh(), "iptables --wait -A INPUT -j ACCEPT", "iptables -w 5 -4 -A INPUT -j DROP");
    expect(rulesOf(s, "filter", "INPUT")).toEqual(["-A INPUT -j ACCEPT", "-A INPUT -j DROP"]);
  });
});
