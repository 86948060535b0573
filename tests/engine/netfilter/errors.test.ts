/**
 * The real mistakes, refused with the words iptables 1.8.9 (nf_tables) prints (verified in a
 * namespace, see transcripts/errors.json), leaving the state as it was.
 */
import { describe, expect, it } from "vitest";
import { fresh, refused, run } from "./helpers";

const TRY = "Try `iptables -h' or 'iptables --help' for more information.";
const V = "iptables v1.8.9 (nf_tables):";

describe("real mistakes, real words", () => {
  const base = run(fresh(), "iptables -N USED", "iptables -A INPUT -j USED", "iptables -N FULL", "iptables -A FULL -j ACCEPT", "iptables -t nat -N SVC");

  it.each([
    ["[IPT6] MASQUERADE outside nat", "iptables -A INPUT -j MASQUERADE", `${V}  RULE_APPEND failed (Invalid argument): rule in chain INPUT`],
    ["[IPT6] MASQUERADE in nat PREROUTING", "iptables -t nat -A PREROUTING -j MASQUERADE", `${V}  RULE_APPEND failed (Invalid argument): rule in chain PREROUTING`],
    ["[IPT6] DNAT in POSTROUTING", "iptables -t nat -A POSTROUTING -j DNAT --to-destination 1.2.3.4", `${V}  RULE_APPEND failed (Invalid argument): rule in chain POSTROUTING`],
    ["[IPT6] SNAT in PREROUTING", "iptables -t nat -I PREROUTING -j SNAT --to-source 1.2.3.4", `${V}  RULE_INSERT failed (Invalid argument): rule in chain PREROUTING`],
    ["[IPT6] REJECT tcp-reset without -p tcp", "iptables -A INPUT -j REJECT --reject-with tcp-reset", `${V}  RULE_APPEND failed (Invalid argument): rule in chain INPUT`],
    ["[IPT7] a jump to a missing chain", "iptables -A INPUT -j KUBE-SERVICES", `${V} Chain 'KUBE-SERVICES' does not exist\n${TRY}`],
    ["[IPT8] -X of a referenced chain", "iptables -X USED", `${V}  CHAIN_DEL failed (Device or resource busy): chain USED`],
    ["[IPT8] -X of a chain with rules", "iptables -X FULL", `${V}  CHAIN_DEL failed (Device or resource busy): chain FULL`],
    ["[IPT8] -N of an existing chain", "iptables -N USED", "iptables: Chain already exists."],
    ["[IPT8] -D of a missing rule", "iptables -D INPUT -s 1.2.3.4 -j ACCEPT", "iptables: Bad rule (does a matching rule exist in that chain?)."],
    ["[IPT9] -D past the end", "iptables -D INPUT 2", "iptables: Index of deletion too big."],
    ["[IPT8] -P on a user chain", "iptables -P USED DROP", "iptables: Bad built-in chain name."],
    ["[IPT8] -P with a target that is no policy", "iptables -P INPUT REJECT", "iptables: Bad policy name. Run `dmesg' for more information."],
    ["[IPT3] a bad address", "iptables -A INPUT -s 10.0.0.256 -j ACCEPT", `${V} host/network \`10.0.0.256' not found\n${TRY}`],
    ["[IPT3] a bad prefix length", "iptables -A INPUT -d 10.0.0.0/33 -j ACCEPT", `${V} invalid mask \`33' specified\n${TRY}`],
    ["[IPT1] an unknown option", "iptables -A INPUT --bogus -j ACCEPT", `${V} unknown option "--bogus"\n${TRY}`],
    ["[IPT4] an unknown module", "iptables -A INPUT -m bogus -j ACCEPT", `${V} Couldn't load match \`bogus':No such file or directory\n\n${TRY}`],
    ["[IPT4] --dport without -p", "iptables -A INPUT --dport 80 -j ACCEPT", `${V} unknown option "--dport"\n${TRY}`],
    ["[IPT4] -m tcp --dport without -p tcp", "iptables -A INPUT -p udp -m tcp --dport 80 -j ACCEPT", `${V} TCP match requires '-p tcp'\n${TRY}`],
    ["[IPT7] DROP in the nat table", "iptables -t nat -A SVC -j DROP", `${V} \nThe "nat" table is not intended for filtering, the use of DROP is therefore inhibited.\n\n\n${TRY}`],
    ["[IPT7] -o in INPUT", "iptables -A INPUT -o eth0 -j ACCEPT", `${V} Can't use -o with INPUT\n\n${TRY}`],
    ["[IPT1] a word nobody takes", "iptables -A INPUT -j ACCEPT 2", `Bad argument \`2'\n${TRY}`],
    ["[IPT1] -n with -A", "iptables -A INPUT -n -j ACCEPT", `${V} Illegal option \`-n' with this command\n${TRY}`],
    ["[IPT11] -L of a missing chain", "iptables -L NOPE", `${V} chain \`NOPE' in table \`filter' is incompatible, use 'nft' tool.`],
    ["[IPT2] an unknown table", "iptables -t bogus -L", `${V} table 'bogus' does not exist\nPerhaps iptables or your kernel needs to be upgraded.`],
  ])("%s: %s", (_what, line, error) => {
    expect(refused(base, line).error).toBe(error);
  });

  it("[IPT6] MASQUERADE waits in a chain nobody jumps to; the jump from PREROUTING is the rule refused", () => {
    const s = run(fresh(), "iptables -t nat -N MASQ", "iptables -t nat -A MASQ -j MASQUERADE", "iptables -t nat -A POSTROUTING -j MASQ");
    expect(refused(s, "iptables -t nat -A PREROUTING -j MASQ").error).toBe(`${V}  RULE_APPEND failed (Invalid argument): rule in chain PREROUTING`);
  });

  it("[IPT6] a loop reachable from a base chain is refused: Too many links", () => {
    const s = run(fresh(), "iptables -N A", "iptables -N B", "iptables -A A -j B", "iptables -A B -j A");
    expect(refused(s, "iptables -A INPUT -j A").error).toBe(`${V}  RULE_APPEND failed (Too many links): rule in chain INPUT`);
  });

  it("errors point at the word to blame", () => {
    expect(refused(base, "iptables -A INPUT --bogus -j ACCEPT").column).toBe("iptables -A INPUT ".length);
    expect(refused(base, "iptables -A INPUT -j NOPE").column).toBe("iptables -A INPUT -j ".length);
    expect(refused(base, "iptables -A INPUT -p tcp --dport 70000").column).toBe("iptables -A INPUT -p tcp --dport ".length);
  });
});
