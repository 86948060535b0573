/** Which -m matches and -j targets PodPath runs, and the real ones it refuses by name. */
import type { MatchInstance, TargetInstance } from "./ipt-ext";
import { addrtypeMatch, physdevMatch } from "./ipt-match-addr";
import { conntrackMatch, stateMatch } from "./ipt-match-conntrack";
import { icmpMatch } from "./ipt-match-icmp";
import { multiportMatch, tcpUdpMatch } from "./ipt-match-ports";
import { commentMatch, markMatch, statisticMatch } from "./ipt-match-simple";
import { masqueradeTarget, natTarget } from "./ipt-target-nat";
import { logTarget, markTarget, rejectTarget } from "./ipt-targets";

// Maps, not objects: names come straight from the command line, and a Map looks such a string
// up by its hash without interning it first.
export const MATCHES: ReadonlyMap<string, () => MatchInstance> = new Map([
  ["tcp", () => tcpUdpMatch("tcp")],
  ["udp", () => tcpUdpMatch("udp")],
  ["icmp", icmpMatch],
  ["multiport", multiportMatch],
  ["comment", commentMatch],
  ["conntrack", conntrackMatch],
  ["state", stateMatch],
  ["mark", markMatch],
  ["addrtype", addrtypeMatch],
  ["physdev", physdevMatch],
  ["statistic", statisticMatch],
]);

export const TARGETS: ReadonlyMap<string, () => TargetInstance> = new Map([
  ["REJECT", rejectTarget],
  ["LOG", logTarget],
  ["MARK", markTarget],
  ["DNAT", () => natTarget("DNAT")],
  ["SNAT", () => natTarget("SNAT")],
  ["MASQUERADE", masqueradeTarget],
]);

export const STANDARD_TARGETS = ["ACCEPT", "DROP", "RETURN"] as const;

/** Matches iptables 1.8.9 ships (libxt_*, libipt_*) that PodPath does not model. */
const OTHER_MATCHES = new Set([
  "ah", "bpf", "cgroup", "cluster", "connbytes", "connlabel", "connlimit", "connmark", "cpu", "dccp", "devgroup", "dscp",
  "ecn", "esp", "hashlimit", "helper", "icmp6", "iprange", "ipvs", "length", "limit", "mac", "nfacct", "osf", "owner",
  "pkttype", "policy", "quota", "rateest", "realm", "recent", "rpfilter", "sctp", "set", "socket", "string", "tcpmss",
  "time", "tos", "ttl", "u32", "udplite", "hl", "ipv6header", "frag", "hbh", "dst", "rt", "mh", "eui64",
]);

/** Targets iptables 1.8.9 ships that PodPath does not model (QUEUE is a standard verdict). */
const OTHER_TARGETS = new Set([
  "QUEUE", "AUDIT", "CHECKSUM", "CLASSIFY", "CLUSTERIP", "CONNMARK", "CONNSECMARK", "CT", "DNPT", "DSCP", "ECN", "HL",
  "HMARK", "IDLETIMER", "LED", "NETMAP", "NFLOG", "NFQUEUE", "NOTRACK", "RATEEST", "REDIRECT", "SECMARK", "SET", "SNPT",
  "SYNPROXY", "TCPMSS", "TCPOPTSTRIP", "TEE", "TOS", "TPROXY", "TRACE", "TTL", "ULOG",
]);

export const isOtherMatch = (name: string): boolean => OTHER_MATCHES.has(name);
export const isOtherTarget = (name: string): boolean => OTHER_TARGETS.has(name);

/** A name iptables would load as a target: `-N` refuses chains named like one. */
export const isTargetName = (name: string): boolean =>
  (STANDARD_TARGETS as readonly string[]).includes(name) || TARGETS.has(name) || OTHER_TARGETS.has(name);
