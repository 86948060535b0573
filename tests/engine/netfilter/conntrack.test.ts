/** conntrack -L and -F over host.conntrack, printed as conntrack-tools 1.4.7 prints it. */
import { describe, expect, it } from "vitest";
import { apply, parseIPv4 } from "../../../engine/index";
import type { NetState } from "../../../engine/index";
import type { CtEntry, CtTuple } from "../../../engine/netfilter/types";
import { referenceSection } from "../reference";
import { fresh, out, refused } from "./helpers";

const ip = (a: string): number => parseIPv4(a)!;
const tuple = (proto: CtTuple["proto"], src: string, dst: string, sport: number, dport: number): CtTuple => ({ proto, src: ip(src), dst: ip(dst), sport, dport });
const entry = (original: CtTuple, e: Partial<CtEntry> = {}): CtEntry => ({
  original,
  reply: { proto: original.proto, src: original.dst, dst: original.src, sport: original.dport, dport: original.sport },
  replied: false,
  assured: false,
  mark: 0,
  created: 0,
  timeout: 30,
  snat: false,
  dnat: false,
  ...e,
});

/** The reference node's five vxlan-cluster entries, one second after they were made. */
const ENTRIES: readonly CtEntry[] = [
  entry(tuple("icmp", "10.244.0.2", "10.244.1.2", 16083, 16083), { created: 99, timeout: 30 }),
  entry(tuple("udp", "192.168.50.1", "192.168.50.2", 47054, 8472), { created: 100, timeout: 30 }),
  entry(tuple("udp", "192.168.50.1", "192.168.50.2", 46924, 8472), { created: 99, timeout: 30 }),
  entry(tuple("udp", "192.168.50.2", "192.168.50.1", 33321, 8472), { created: 100, timeout: 30 }),
  entry(tuple("tcp", "10.244.0.2", "10.244.1.3", 54266, 8080), { tcpState: "TIME_WAIT", replied: true, assured: true, created: 100, timeout: 120 }),
];

const withEntries = (entries: readonly CtEntry[], now: number): NetState => {
  const s = fresh();
  return { now, hosts: { h: { ...s.hosts.h!, conntrack: entries } } };
};

describe("conntrack", () => {
  it("[IPT17] -L prints the reference node's entries line for line, then the count", () => {
    const expected = referenceSection("conntrack -L (n1)", "vxlan");
    const printed = out(withEntries(ENTRIES, 101), "conntrack -L").split("\n").filter((l) => l !== "");
    expect(printed.slice(0, -1)).toEqual(expected.slice(1));
    expect(printed.at(-1)).toBe(expected[0]);
    expect(expected[0]).toBe("conntrack v1.4.7 (conntrack-tools): 5 flow entries have been shown.");
  });

  it("[IPT17] the timeout column counts down with the simulated clock and stops at 0", () => {
    const e = [entry(tuple("udp", "10.0.0.1", "10.0.0.2", 1000, 53), { created: 10, timeout: 30 })];
    expect(out(withEntries(e, 25), "conntrack -L")).toMatch(/^udp {6}17 15 src=/);
    expect(out(withEntries(e, 500), "conntrack -L")).toMatch(/^udp {6}17 0 src=/);
  });

  it("[IPT17] NAT shows in the reply tuple; -n and -g list the SNAT and DNAT entries", () => {
    const dnat = entry(tuple("tcp", "10.244.0.2", "10.96.0.10", 40000, 80), {
      reply: tuple("tcp", "10.244.1.3", "10.244.0.2", 8080, 40000), tcpState: "ESTABLISHED", replied: true, assured: true, timeout: 432000, dnat: true,
    });
    const plain = entry(tuple("icmp", "10.244.0.2", "10.244.0.3", 7, 7));
    const s = withEntries([dnat, plain], 0);
    expect(out(s, "conntrack -L -g")).toBe(
      "tcp      6 432000 ESTABLISHED src=10.244.0.2 dst=10.96.0.10 sport=40000 dport=80 src=10.244.1.3 dst=10.244.0.2 sport=8080 dport=40000 [ASSURED] mark=0 use=1\n" +
        "conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.\n",
    );
    expect(out(s, "conntrack -L -n")).toBe("conntrack v1.4.7 (conntrack-tools): 0 flow entries have been shown.\n");
  });

  it("[IPT17] filters: -p, -s/-d with a prefix, --dport after -p", () => {
    const s = withEntries(ENTRIES, 101);
    const count = (line: string): number => out(s, line).split("\n").filter((l) => l !== "").length - 1;
    expect(count("conntrack -L -p udp")).toBe(3);
    expect(count("conntrack -L -p TCP")).toBe(1);
    expect(count("conntrack -L -s 10.244.0.0/16")).toBe(2);
    expect(count("conntrack -L -d 192.168.50.2")).toBe(2);
    expect(count("conntrack -L -p udp --sport 33321")).toBe(1);
    expect(count("conntrack -L -p sctp")).toBe(0);
  });

  it("[IPT17] real mistakes get conntrack's words", () => {
    const s = fresh();
    const TRY = "Try `conntrack -h' or 'conntrack --help' for more information.";
    expect(refused(s, "conntrack -L -p foo").error).toBe(`conntrack v1.4.7 (conntrack-tools): \`foo' unsupported protocol\n${TRY}`);
    expect(refused(s, "conntrack -L -s foo").error).toBe(`conntrack v1.4.7 (conntrack-tools): Invalid IP address \`foo'\n${TRY}`);
    expect(refused(s, "conntrack -L --sport 1").error).toBe(`conntrack v1.4.7 (conntrack-tools): unknown option \`--sport'\n${TRY}`);
    expect(refused(s, "conntrack -L -F").error).toBe(`conntrack v1.4.7 (conntrack-tools): Invalid commands combination\n${TRY}`);
    expect(refused(s, "conntrack -F -p tcp").error).toBe(`conntrack v1.4.7 (conntrack-tools): Illegal option \`--protonum' with this command\n${TRY}`);
    expect(out(s, "conntrack -L expect")).toBe("conntrack v1.4.7 (conntrack-tools): 0 expectations have been shown.\n");
  });

  it("[IPT18] -F empties the table", () => {
    const r = apply(withEntries(ENTRIES, 101), "h", "conntrack -F");
    if (!r.ok) throw new Error(r.error);
    expect(r.output).toBe("conntrack v1.4.7 (conntrack-tools): connection tracking table has been emptied.\n");
    expect(r.state.hosts.h!.conntrack).toEqual([]);
    expect(out(r.state, "conntrack -L")).toBe("conntrack v1.4.7 (conntrack-tools): 0 flow entries have been shown.\n");
  });
});
