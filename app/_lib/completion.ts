/**
 * Tab completion for the terminal: command words, ip/bridge objects and verbs, device names,
 * bridges, iptables tables, chains, targets, matches and options, sysctl keys. Table-driven
 * from the word before the cursor and the words already typed; the host's devices and chains
 * come in as data.
 */
import type { TableName } from "@/engine/netfilter/types";

export interface CompletionContext {
  readonly devices: readonly string[];
  readonly bridges: readonly string[];
  readonly chains: Readonly<Record<TableName, readonly string[]>>;
}

export interface Completion {
  /** Where the word being completed starts and ends in the line. */
  readonly start: number;
  readonly end: number;
  readonly candidates: readonly string[];
}

export const COMMANDS = ["ip", "bridge", "iptables", "iptables-save", "iptables-restore", "sysctl", "conntrack", "tcpdump", "help", "clear", "history"] as const;
const TABLES = ["filter", "nat", "mangle", "raw"];
const IP_OBJECTS = ["address", "link", "route", "neigh"];
const IP_VERBS: Record<string, readonly string[]> = {
  address: ["add", "del", "flush", "show"],
  link: ["add", "set", "del", "show"],
  route: ["add", "del", "replace", "change", "append", "show", "flush", "get"],
  neigh: ["add", "del", "replace", "change", "show", "flush"],
};
const LINK_SET_WORDS = ["up", "down", "master", "nomaster", "mtu", "address", "name", "netns"];
const ROUTE_WORDS = ["via", "dev", "onlink", "metric", "src", "scope", "proto", "table"];
const BRIDGE_VERBS: Record<string, readonly string[]> = { fdb: ["add", "append", "del", "replace", "show"], link: ["show", "set"] };
const IPT_OPTIONS = ["-t", "-A", "-I", "-D", "-R", "-C", "-L", "-S", "-F", "-Z", "-N", "-X", "-E", "-P", "-n", "-v", "-s", "-d", "-p", "-i", "-o", "-m", "-j", "-g", "--line-numbers", "--dport", "--sport", "--to-destination", "--to-source", "--comment", "--ctstate"];
const IPT_CHAIN_OPTS = new Set(["-A", "-I", "-D", "-R", "-C", "-L", "-S", "-F", "-Z", "-N", "-X", "-E", "-P", "--append", "--insert", "--delete", "--replace", "--list", "--list-rules", "--flush", "--policy", "--delete-chain", "--rename-chain"]);
const TARGETS = ["ACCEPT", "DROP", "REJECT", "RETURN", "LOG", "DNAT", "SNAT", "MASQUERADE", "MARK"];
const MODULES = ["tcp", "udp", "icmp", "multiport", "comment", "conntrack", "state", "mark", "addrtype", "physdev", "statistic"];
const CTSTATES = ["NEW", "ESTABLISHED", "RELATED", "INVALID", "DNAT", "SNAT"];
const SYSCTL_KEYS_FIXED = ["net.ipv4.ip_forward", "net.bridge.bridge-nf-call-iptables", "net.ipv4.icmp_ratelimit", "net.ipv4.icmp_echo_ignore_all"];
const CONF_KEYS = ["forwarding", "rp_filter", "proxy_arp", "route_localnet", "accept_local"];

function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== "");
}

/** What may come next, given the words before the one being completed. */
function candidatesFor(before: readonly string[], word: string, ctx: CompletionContext): readonly string[] {
  const cmd = before[0];
  const prev = before[before.length - 1];
  if (cmd === undefined) return COMMANDS;
  switch (cmd) {
    case "ip":
      return ipCandidates(before.slice(1).filter((w) => !w.startsWith("-")), prev, ctx);
    case "bridge": {
      const rest = before.slice(1).filter((w) => !w.startsWith("-"));
      if (prev === "dev" || prev === "br") return prev === "br" ? ctx.bridges : ctx.devices;
      if (rest.length === 0) return Object.keys(BRIDGE_VERBS);
      if (rest.length === 1) return BRIDGE_VERBS[rest[0]!] ?? [];
      return rest[0] === "fdb" ? ["dev", "dst", "self", "master", "permanent", "static", "br"] : ["dev", "hairpin", "learning", "flood"];
    }
    case "iptables":
      return iptablesCandidates(before, prev, word, ctx);
    case "iptables-save":
      return prev === "-t" ? TABLES : ["-t", "-c"];
    case "iptables-restore":
      return ["--noflush", "--test", "-n", "-T"];
    case "sysctl":
      return word.startsWith("-") ? ["-w", "-a", "-n", "-q"] : sysctlKeys(ctx);
    case "conntrack":
      return ["-L", "-F", "-n"];
    case "tcpdump":
      return prev === "-i" ? ["any", ...ctx.devices] : ["-i", "-n", "-e", "-c", "tcp", "udp", "icmp", "host", "port"];
    default:
      return [];
  }
}

function ipCandidates(rest: readonly string[], prev: string | undefined, ctx: CompletionContext): readonly string[] {
  if (prev === "dev" || prev === "iif" || prev === "oif") return ctx.devices;
  if (prev === "master") return ctx.bridges;
  if (rest.length === 0) return IP_OBJECTS;
  const object = IP_OBJECTS.find((o) => o.startsWith(rest[0]!) || (rest[0] === "neighbour" && o === "neigh") || (rest[0] === "neighbor" && o === "neigh"));
  if (!object) return [];
  if (rest.length === 1) return IP_VERBS[object]!;
  const verb = rest[1]!;
  if (object === "link") {
    if (["set", "del", "delete", "show"].includes(verb) && rest.length === 2) return ctx.devices;
    if (verb === "set") return LINK_SET_WORDS;
    if (verb === "add") return ["type", "veth", "bridge", "vxlan", "peer", "name", "netns", "id", "local", "dev", "dstport", "nolearning"];
  }
  if (object === "address") return rest.length === 2 && verb === "show" ? ctx.devices : ["dev", "scope", "label", "broadcast"];
  if (object === "route") return rest.length === 2 && !["show", "flush"].includes(verb) ? ["default"] : ROUTE_WORDS;
  return ["lladdr", "dev", "nud", "permanent", "reachable", "stale"];
}

function tableOf(before: readonly string[]): TableName {
  const at = before.findIndex((w) => w === "-t" || w === "--table");
  const t = at >= 0 ? before[at + 1] : undefined;
  return t === "nat" || t === "mangle" || t === "raw" ? t : "filter";
}

function iptablesCandidates(before: readonly string[], prev: string | undefined, word: string, ctx: CompletionContext): readonly string[] {
  const chains = ctx.chains[tableOf(before)];
  if (prev === "-t" || prev === "--table") return TABLES;
  if (prev !== undefined && IPT_CHAIN_OPTS.has(prev)) return chains;
  if (prev === "-j" || prev === "-g" || prev === "--jump" || prev === "--goto") return [...TARGETS, ...chains.filter((c) => !TARGETS.includes(c))];
  if (prev === "-i" || prev === "-o" || prev === "--in-interface" || prev === "--out-interface" || prev === "--physdev-in" || prev === "--physdev-out") return ctx.devices;
  if (prev === "-p" || prev === "--protocol") return ["tcp", "udp", "icmp", "all"];
  if (prev === "-m" || prev === "--match") return MODULES;
  if (prev === "--ctstate" || prev === "--state") return CTSTATES;
  if (prev === "-P" || before[before.length - 2] === "-P") return ["ACCEPT", "DROP"];
  return word === "" || word.startsWith("-") ? IPT_OPTIONS : [];
}

function sysctlKeys(ctx: CompletionContext): string[] {
  const devs = ["all", "default", ...ctx.devices.map((d) => d.replaceAll(".", "/"))];
  return [...SYSCTL_KEYS_FIXED, ...devs.flatMap((d) => CONF_KEYS.map((k) => `net.ipv4.conf.${d}.${k}`))];
}

export function complete(line: string, cursor: number, ctx: CompletionContext): Completion {
  const head = line.slice(0, cursor);
  const start = /\S*$/.exec(head)!.index;
  const word = head.slice(start);
  const before = words(head.slice(0, start));
  // sysctl -w key=value: complete only the key part.
  const all = candidatesFor(before, word, ctx);
  const candidates = [...new Set(all)].filter((c) => c.startsWith(word)).sort((a, b) => (before.length === 0 ? COMMANDS.indexOf(a as never) - COMMANDS.indexOf(b as never) : 0));
  return { start, end: cursor, candidates };
}

export function commonPrefix(items: readonly string[]): string {
  if (items.length === 0) return "";
  let p = items[0]!;
  for (const s of items) while (!s.startsWith(p)) p = p.slice(0, -1);
  return p;
}

export interface CompletionEdit {
  readonly line: string;
  readonly cursor: number;
  /** Several candidates and nothing more to add: show them. */
  readonly list?: readonly string[];
}

/** What Tab does: complete a single candidate (with a space), extend to the common prefix, or list. */
export function applyCompletion(line: string, cursor: number, ctx: CompletionContext): CompletionEdit {
  const c = complete(line, cursor, ctx);
  const word = line.slice(c.start, c.end);
  if (c.candidates.length === 0) return { line, cursor };
  if (c.candidates.length === 1) {
    const pick = c.candidates[0]!;
    const after = line.slice(cursor);
    const spacer = after.startsWith(" ") || pick.endsWith("=") ? "" : " ";
    const next = line.slice(0, c.start) + pick + spacer + after;
    return { line: next, cursor: c.start + pick.length + spacer.length };
  }
  const prefix = commonPrefix(c.candidates);
  if (prefix.length > word.length) {
    return { line: line.slice(0, c.start) + prefix + line.slice(cursor), cursor: c.start + prefix.length };
  }
  return { line, cursor, list: c.candidates };
}
