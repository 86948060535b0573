/**
 * Properties: (a) iptables-save, then iptables-restore into a fresh host, then iptables-save
 * again gives the same text and the same rules, for random valid rulesets ([IPT10], [IPT15]);
 * (b) the iptables, iptables-save, iptables-restore and conntrack parsers never throw on
 * random or mutated input, and a refused command leaves the state as it was ([SC1]).
 */
import fc from "fast-check";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { apply, createState } from "../../../engine/index";
import type { NetState } from "../../../engine/index";
import { listingOrder } from "../../../engine/netfilter/ipt-table";
import { TABLE_ORDER } from "../../../engine/netfilter/types";
import { netfilterArb } from "./arbitrary";
import { loadSteps } from "./replay";

function save(state: NetState, host: string): string {
  const r = apply(state, host, "iptables-save -c");
  if (!r.ok) throw new Error(r.error);
  return r.output;
}

describe("round trip", () => {
  it("[IPT10][IPT15] save → restore -c into a fresh host → save is the identity, text and rules", () => {
    fc.assert(
      fc.property(netfilterArb, (nf) => {
        const s0 = createState([{ name: "a", role: "node" }, { name: "b", role: "node" }]);
        const a = { ...s0, hosts: { ...s0.hosts, a: { ...s0.hosts.a!, netfilter: nf } } };
        const text = save(a, "a");
        const r = apply(a, "b", `iptables-restore -c\n${text}`);
        if (!r.ok) throw new Error(`${r.error}\n--- input:\n${text}`);
        expect(save(r.state, "b")).toBe(text);
        for (const t of TABLE_ORDER) {
          expect(listingOrder(r.state.hosts.b!.netfilter[t])).toEqual(listingOrder(nf[t]));
        }
      }),
      { numRuns: 300 },
    );
  });
});

const BASE: NetState = (() => {
  let s = createState([{ name: "h", role: "node" }]);
  for (const line of ["iptables -N KUBE-SVC", "iptables -A INPUT -p tcp --dport 22 -j KUBE-SVC", "iptables -t nat -A POSTROUTING -s 10.244.0.0/16 -j MASQUERADE"]) {
    const r = apply(s, "h", line);
    if (!r.ok) throw new Error(r.error);
    s = r.state;
  }
  return s;
})();
const BASE_JSON = JSON.stringify(BASE);

function check(text: string): void {
  const r = apply(BASE, "h", text);
  expect(JSON.stringify(BASE)).toBe(BASE_JSON);
  if (r.ok) expect(typeof r.output).toBe("string");
  else {
    expect(r.error.trim()).not.toBe("");
    if (r.column !== undefined) expect(r.column).toBeGreaterThanOrEqual(0);
  }
}

const WORDS = [
  "iptables", "-t", "nat", "filter", "mangle", "raw", "-A", "-I", "-D", "-R", "-C", "-N", "-X", "-F", "-Z", "-E", "-P", "-L", "-S", "-n", "-v", "-x", "--line-numbers",
  "INPUT", "FORWARD", "OUTPUT", "PREROUTING", "POSTROUTING", "KUBE-SVC", "X", "1", "0", "2", "!", "-s", "-d", "10.0.0.1", "10.0.0.0/8", "0/0", "1.2.3.4/255.255.0.0",
  "-p", "tcp", "udp", "icmp", "all", "6", "-i", "-o", "eth0", "veth+", "-j", "-g", "ACCEPT", "DROP", "RETURN", "REJECT", "LOG", "DNAT", "SNAT", "MASQUERADE", "MARK",
  "--dport", "--sport", "80", "1:1024", "-m", "tcp", "multiport", "--dports", "80,443", "comment", "--comment", '"a b"', "conntrack", "--ctstate", "NEW,ESTABLISHED", "state",
  "--state", "mark", "--mark", "0x4000/0x4000", "addrtype", "--dst-type", "LOCAL", "physdev", "--physdev-in", "statistic", "--mode", "random", "nth", "--probability", "0.5",
  "--every", "2", "--packet", "--reject-with", "tcp-reset", "--log-prefix", "--log-level", "--to-destination", "10.0.0.2:8080", "--to-source", "--to-ports", "--random",
  "--random-fully", "--set-xmark", "--or-mark", "--icmp-type", "echo-request", "-c", "--wait", "-w", "--", "-", "=", "--dport=80", "-AINPUT", "-nvL",
];
const word = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });
const soup = fc.tuple(fc.constantFrom("iptables", "iptables", "iptables-save", "conntrack", "iptables-restore"), fc.array(word, { maxLength: 14 })).map(([t, w]) => [t, ...w].join(" "));

const restoreLine = fc.oneof(
  fc.constantFrom("*filter", "*nat", "*mangle", "*raw", "*bogus", "COMMIT", ":INPUT DROP [1:2]", ":X - [0:0]", ":KUBE-SVC - [0:0]", "# c", "", "[1:2] -A INPUT -j ACCEPT", ":", "  "),
  fc.array(word, { maxLength: 10 }).map((w) => w.join(" ")),
  fc.string({ maxLength: 30 }),
);
const restoreInput = fc.tuple(fc.constantFrom("iptables-restore", "iptables-restore --noflush", "iptables-restore -c", "iptables-restore -n -T nat"), fc.array(restoreLine, { maxLength: 12 })).map(([c, lines]) => [c, ...lines].join("\n"));

const transcriptLines = ["rules", "errors", "chains", "restore", "reference"].flatMap((n) => loadSteps(join(__dirname, "transcripts", `${n}.json`)).map((s) => (s.stdin ? `${s.cmd}\n${s.stdin}` : s.cmd)));
const mutated = fc.tuple(fc.constantFrom(...transcriptLines), fc.array(fc.tuple(fc.nat(400), fc.constantFrom("", " ", "!", "-", ":", "/", ",", '"', "\\", "x", "0", "\n", "#")), { minLength: 1, maxLength: 4 })).map(([line, edits]) =>
  edits.reduce((l, [at, c]) => {
    const k = l.length === 0 ? 0 : at % l.length;
    return c === "" ? l.slice(0, k) + l.slice(k + 1) : l.slice(0, k) + c + l.slice(k);
  }, line),
);

describe("the netfilter parsers never throw", () => {
  it("[SC1] on random strings after a netfilter command", () => {
    fc.assert(fc.property(fc.constantFrom("iptables ", "iptables-save ", "conntrack ", "iptables-restore\n"), fc.string({ maxLength: 60 }), (cmd, rest) => check(cmd + rest)), { numRuns: 1000 });
  });

  it("[SC1] on soups of real iptables and conntrack words", () => {
    fc.assert(fc.property(soup, check), { numRuns: 3000 });
  });

  it("[SC1] on iptables-restore inputs made of real and broken lines", () => {
    fc.assert(fc.property(restoreInput, check), { numRuns: 2000 });
  });

  it("[SC1] on mutated lines of the real transcripts", () => {
    fc.assert(fc.property(mutated, check), { numRuns: 3000 });
  });

  it("[SC1] a refused netfilter command returns no state and leaves the state unchanged", () => {
    for (const line of ["iptables -A INPUT -j NOPE", "iptables -X KUBE-SVC", "iptables -t nat -A PREROUTING -j MASQUERADE", "iptables-restore\n*filter\n-A INPUT -j ACCEPT\n", "conntrack -L -p foo"]) {
      const r = apply(BASE, "h", line);
      expect(r.ok, line).toBe(false);
      expect("state" in r, line).toBe(false);
      expect(JSON.stringify(BASE)).toBe(BASE_JSON);
    }
  });
});
