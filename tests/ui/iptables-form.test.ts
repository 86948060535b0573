import { describe, expect, it } from "vitest";
import { EMPTY_RULE, iptablesLine, moveRuleLines, rulesFromListing, ruleSpec, shellWord, type RuleForm } from "../../app/_lib/iptables-form";
import { apply } from "../../engine/exec/apply";
import { DNAT_B, prepared } from "./levels";

const form = (f: Partial<RuleForm>): RuleForm => ({ ...EMPTY_RULE, ...f });

describe("the iptables form as a command line", () => {
  const p = prepared("svc-reach-service-b");
  const accepts = (line: string) => {
    const r = apply(p.start, "node1", line);
    return r.ok ? "ok" : r.error;
  };

  it("writes the Service DNAT rule exactly as a person types it", () => {
    const f = form({ table: "nat", chain: "PREROUTING", dst: "10.96.0.20/32", proto: "tcp", dport: "80", target: "DNAT", toDestination: "10.244.0.3:8080" });
    expect(iptablesLine(f)).toBe(DNAT_B);
    expect(accepts(iptablesLine(f))).toBe("ok");
  });

  it("negates addresses and interfaces with !, and inserts at a position", () => {
    const f = form({ table: "nat", chain: "POSTROUTING", action: "insert", position: "2", src: "10.244.0.0/16", dst: "10.244.0.0/16", dstNot: true, outIface: "cni0", outNot: true, target: "MASQUERADE" });
    expect(iptablesLine(f)).toBe("iptables -t nat -I POSTROUTING 2 -s 10.244.0.0/16 ! -d 10.244.0.0/16 ! -o cni0 -j MASQUERADE");
    expect(accepts(iptablesLine(f))).toBe("ok");
  });

  it("writes every supported match in a form the engine accepts", () => {
    const f = form({
      chain: "FORWARD",
      inIface: "cni0",
      proto: "tcp",
      multiport: "80, 443",
      ctstate: ["NEW", "ESTABLISHED"],
      mark: "0x4000/0x4000",
      dstType: "LOCAL",
      physdevIn: "veth71866a09",
      physdevIsBridged: true,
      statistic: "random",
      probability: "0.33",
      comment: "allow web",
      target: "REJECT",
      rejectWith: "tcp-reset",
    });
    const line = iptablesLine(f);
    expect(line).toBe(
      'iptables -A FORWARD -i cni0 -p tcp -m multiport --dports 80,443 -m physdev --physdev-in veth71866a09 --physdev-is-bridged -m addrtype --dst-type LOCAL -m conntrack --ctstate NEW,ESTABLISHED -m mark --mark 0x4000/0x4000 -m statistic --mode random --probability 0.33 -m comment --comment "allow web" -j REJECT --reject-with tcp-reset',
    );
    expect(accepts(line)).toBe("ok");
  });

  it("writes targets with their options: SNAT, MARK, LOG, nth statistic, a user chain", () => {
    expect(ruleSpec(form({ src: "10.244.0.0/24", target: "SNAT", toSource: "192.168.50.1" }))).toBe("-s 10.244.0.0/24 -j SNAT --to-source 192.168.50.1");
    expect(accepts(iptablesLine(form({ table: "nat", chain: "POSTROUTING", src: "10.244.0.0/24", target: "SNAT", toSource: "192.168.50.1" })))).toBe("ok");
    expect(accepts(iptablesLine(form({ table: "mangle", chain: "PREROUTING", target: "MARK", setMark: "0x1" })))).toBe("ok");
    expect(accepts(iptablesLine(form({ chain: "INPUT", target: "LOG", logPrefix: "in: " })))).toBe("ok");
    expect(accepts(iptablesLine(form({ table: "nat", chain: "PREROUTING", statistic: "nth", every: "3", packet: "0", target: "KUBE-SERVICES" })))).toBe("ok");
  });

  it("leaves mistakes to the engine, which answers in iptables' words", () => {
    expect(accepts(iptablesLine(form({ chain: "FORWARD", target: "DNAT", toDestination: "10.0.0.1" })))).toMatch(/RULE_APPEND failed \(Invalid argument\)/);
  });

  it("moves a rule by deleting it and inserting its spec, read back from iptables -S", () => {
    const listing = "-P FORWARD ACCEPT\n-A FORWARD -s 10.0.0.1/32 -j DROP\n-A FORWARD -m comment --comment \"two words\" -j ACCEPT";
    const rules = rulesFromListing(listing, "FORWARD");
    expect(rules).toEqual(["-s 10.0.0.1/32 -j DROP", '-m comment --comment "two words" -j ACCEPT']);
    expect(moveRuleLines("filter", "FORWARD", 2, 1, rules[1]!)).toEqual(["iptables -D FORWARD 2", 'iptables -I FORWARD 1 -m comment --comment "two words" -j ACCEPT']);
    expect(shellWord('say "hi"')).toBe('"say \\"hi\\""');
  });
});
