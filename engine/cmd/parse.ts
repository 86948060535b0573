import { Cursor, matches, ParseStop } from "./cursor";
import { fail, ok, type Result } from "./result";
import { tokenize, type Token } from "./tokenize";
import type { Command } from "./types";
import { parseIpLink } from "./ip-link";
import { parseIpAddr } from "./ip-addr";
import { parseIpRoute } from "./ip-route";
import { parseIpNeigh } from "./ip-neigh";
import { parseBridge } from "./bridge";
import { parseSysctl } from "./sysctl";

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
  nft: "",
  ipvsadm: "",
  ethtool: "",
};

/** Parse one command line into a typed command. Never throws: every problem is an error result. */
export function parseCommand(line: string): Result<Command> {
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
    default: {
      const advice = NOT_SUPPORTED[tool];
      if (advice !== undefined) throw new ParseStop({ message: `${tool}: not supported in PodPath${advice ? `; ${advice}` : ""}.`, column: 0 });
      throw new ParseStop({ message: `${tool}: command not found (PodPath runs ip, bridge and sysctl here; type "help")`, column: 0 });
    }
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
