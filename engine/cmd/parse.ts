import { Cursor, matches, ParseStop } from "./cursor";
import { fail, ok, type Result } from "./result";
import { tokenize, type Token } from "./tokenize";
import type { Command } from "./types";
import { RecentParses } from "./recent";
import { parseIpLink } from "./ip-link";
import { parseIpAddr } from "./ip-addr";
import { parseIpRoute } from "./ip-route";
import { parseIpNeigh } from "./ip-neigh";
import { parseBridge } from "./bridge";
import { parseSysctl } from "./sysctl";
import type { IptCommand } from "../netfilter/ipt-command";
import { failureText, XtStop } from "../netfilter/ipt-errors";
import { parseIptables } from "../netfilter/ipt-parse-finish";
import { parseSave } from "../netfilter/iptables-save";
import { parseRestoreOptions } from "../netfilter/iptables-restore";
import { parseConntrack } from "../netfilter/conntrack-cmd";

/** Tools a student may know from a real node that PodPath does not run, with what to use instead. */
const NOT_SUPPORTED: Record<string, string> = {
  ifconfig: 'use "ip addr" and "ip link"',
  route: 'use "ip route"',
  arp: 'use "ip neigh"',
  brctl: 'use "bridge" and "ip link set DEV master BRIDGE"',
  netstat: "",
  ss: "",
  nsenter: "each host has its own terminal",
  ping: "probes are run by the level's goals and the trace panel",
  curl: "probes are run by the level's goals and the trace panel",
  nc: "probes are run by the level's goals and the trace panel",
  ip6tables: "PodPath models IPv4 only",
  "ip6tables-save": "PodPath models IPv4 only",
  "ip6tables-restore": "PodPath models IPv4 only",
  "iptables-legacy": 'PodPath runs iptables 1.8.9 with the nf_tables backend: use "iptables"',
  "iptables-legacy-save": 'use "iptables-save"',
  "iptables-legacy-restore": 'use "iptables-restore"',
  "iptables-nft": 'use "iptables" (it is iptables-nft here)',
  "iptables-nft-save": 'use "iptables-save"',
  "iptables-nft-restore": 'use "iptables-restore"',
  "iptables-apply": 'use "iptables-restore"',
  ebtables: "",
  arptables: "",
  nft: 'use "iptables"',
  ipvsadm: "",
  ethtool: "",
};

/** Command lines are short; a level's setup has a few dozen. */
const recentLines = new RecentParses<Result<Command>>(512, 1024);

/** Parse one command line into a typed command. Never throws: every problem is an error result. */
export function parseCommand(line: string): Result<Command> {
  return recentLines.get(line) ?? recentLines.keep(line, readCommand(line));
}

function readCommand(line: string): Result<Command> {
  const tokens = tokenize(line);
  if (!tokens.ok) return tokens;
  const words = tokens.value;
  const first = words[0];
  if (first === undefined) return fail("empty command line", 0);
  try {
    return ok(parseTool(first.text, words.slice(1), line.length));
  } catch (e) {
    if (e instanceof ParseStop) return { ok: false, error: e.error };
    return fail(`internal error while reading the command: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function parseTool(tool: string, rest: Token[], end: number): Command {
  switch (tool) {
    case "ip":
      return parseIp(rest, end);
    case "bridge":
      return { tool: "bridge", cmd: parseBridge(new Cursor(rest, "bridge", end)) };
    case "sysctl":
      return { tool: "sysctl", cmd: parseSysctl(new Cursor(rest, "sysctl", end)) };
    case "iptables":
      return { tool: "iptables", cmd: parseIptablesLine(rest, end) };
    case "iptables-save":
      return { tool: "iptables-save", cmd: orStop(parseSave(rest)) };
    case "iptables-restore":
      return { tool: "iptables-restore", cmd: orStop(parseRestoreOptions(rest)), input: [] };
    case "conntrack":
      return { tool: "conntrack", cmd: orStop(parseConntrack(rest)) };
    default: {
      const advice = NOT_SUPPORTED[tool];
      if (advice !== undefined) throw new ParseStop({ message: `${tool}: not supported in PodPath${advice ? `; ${advice}` : ""}.`, column: 0 });
      throw new ParseStop({ message: `${tool}: command not found (PodPath runs ip, bridge, sysctl, iptables, iptables-save, iptables-restore and conntrack here; type "help")`, column: 0 });
    }
  }
}

function orStop<T>(r: Result<T>): T {
  if (!r.ok) throw new ParseStop(r.error);
  return r.value;
}

/** iptables' own parser reports a failure as data; here it becomes the line's error, worded as iptables words it. */
function parseIptablesLine(rest: Token[], end: number): IptCommand {
  try {
    return parseIptables(rest, { restore: false, endColumn: end });
  } catch (e) {
    if (!(e instanceof XtStop)) throw e;
    const f = e.failure;
    const column = "column" in f ? f.column : undefined;
    throw new ParseStop(column === undefined ? { message: failureText(f, "iptables") } : { message: failureText(f, "iptables"), column });
  }
}

function parseIp(rest: Token[], end: number): Command {
  let details = false;
  let i = 0;
  for (; i < rest.length && rest[i]!.text.startsWith("-"); i++) {
    const opt = rest[i]!.text.replace(/^--?/, "");
    if (opt === "4") continue;
    if (matches(opt, "details") && opt.length >= 1) details = true;
    else if (opt === "c" || matches(opt, "color") || opt.startsWith("color=")) continue;
    else if (opt === "s" || matches(opt, "statistics") || opt === "stats") continue;
    else throw new ParseStop({ message: `Option "${rest[i]!.text}" is not supported by PodPath's ip.`, column: rest[i]!.column });
  }
  const words = rest.slice(i);
  const object = words[0];
  if (object === undefined) throw new ParseStop({ message: 'Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\nwhere  OBJECT := { address | link | neigh | route }', column: end });
  const tool = (name: string): Cursor => new Cursor(words.slice(1), `ip ${name}`, end);
  const o = object.text;
  if (matches(o, "address")) return { tool: "ip", details, cmd: parseIpAddr(tool("address")) };
  if (matches(o, "route")) return { tool: "ip", details, cmd: parseIpRoute(tool("route")) };
  if (matches(o, "neighbor") || matches(o, "neighbour") || o === "neigh") return { tool: "ip", details, cmd: parseIpNeigh(tool("neigh")) };
  if (matches(o, "link")) return { tool: "ip", details, cmd: parseIpLink(tool("link"), details) };
  const known = ["rule", "netns", "tunnel", "tuntap", "maddress", "monitor", "xfrm", "mroute", "vrf", "nexthop", "netconf", "addrlabel", "ntable", "tcpmetrics", "token", "macsec", "mptcp", "sr", "fou", "l2tp", "ila", "ioam", "stats"];
  if (known.some((k) => matches(o, k))) throw new ParseStop({ message: `"ip ${o}" is not supported by PodPath.`, column: object.column });
  throw new ParseStop({ message: `Object "${o}" is unknown, try "ip help".`, column: object.column });
}
