/**
 * Sandbox rules for ip(8) and bridge(8). Both accept any unambiguous prefix of an object name
 * and take the first match in their command table (iproute2 ip/ip.c `cmds[]`, bridge/bridge.c),
 * so the object is resolved the same way here before it is checked against the allowed set.
 */
import type { CheckedArgs, NamespaceOf } from "./sandbox-policy";

/** ip/ip.c `cmds[]`, in table order. */
const IP_OBJECTS = [
  "address", "addrlabel", "maddress", "route", "rule", "neighbor", "neighbour", "ntable", "ntbl",
  "link", "l2tp", "fou", "ila", "macsec", "tunnel", "tunl", "tuntap", "tap", "token", "tcpmetrics",
  "tcp_metrics", "monitor", "xfrm", "mroute", "mrule", "netns", "netconf", "vrf", "sr", "nexthop",
  "mptcp", "ioam", "stats", "help",
];
/** Not allowed: `netns` and `vrf exec` reach other namespaces or run programs; `monitor` never ends. */
const IP_ALLOWED_OBJECTS = new Set([
  "address", "addrlabel", "maddress", "route", "rule", "neighbor", "neighbour", "ntable", "ntbl",
  "link", "tunnel", "tunl", "netconf", "nexthop", "mroute", "mrule", "help",
]);
/** Output-only global options; -n/-netns, -b/-batch, -all and -force are refused. */
const IP_FLAG_OPTIONS = new Set([
  "-4", "-6", "-0", "-s", "-stats", "-statistics", "-d", "-details", "-h", "-human", "-iec",
  "-o", "-oneline", "-t", "-timestamp", "-ts", "-tshort", "-j", "-json", "-p", "-pretty",
  "-br", "-brief", "-c", "-color", "-N", "-Numeric", "-V", "-Version",
]);
const IP_VALUE_OPTIONS = new Set(["-f", "-family"]);

/** bridge/bridge.c `cmds[]`, in table order. */
const BRIDGE_OBJECTS = ["link", "fdb", "mdb", "vlan", "vni", "monitor", "help"];
const BRIDGE_ALLOWED_OBJECTS = new Set(["link", "fdb", "mdb", "vlan", "vni", "help"]);
const BRIDGE_FLAG_OPTIONS = new Set([
  "-4", "-6", "-s", "-stats", "-statistics", "-d", "-details", "-j", "-json", "-p", "-pretty",
  "-c", "-color", "-o", "-oneline", "-t", "-timestamp", "-compressvlans", "-V", "-Version",
]);

export function checkIpArgs(args: readonly string[], namespaceOf: NamespaceOf): CheckedArgs {
  const options = checkGlobalOptions("ip", args, IP_FLAG_OPTIONS, IP_VALUE_OPTIONS);
  if (!options.ok) return options;
  const objectCheck = checkObject("ip", args[options.objectIndex], IP_OBJECTS, IP_ALLOWED_OBJECTS);
  if (objectCheck) return { ok: false, error: objectCheck };
  return rewriteNamespaceArgs(args, namespaceOf);
}

export function checkBridgeArgs(args: readonly string[]): CheckedArgs {
  const options = checkGlobalOptions("bridge", args, BRIDGE_FLAG_OPTIONS, new Set());
  if (!options.ok) return options;
  const objectCheck = checkObject("bridge", args[options.objectIndex], BRIDGE_OBJECTS, BRIDGE_ALLOWED_OBJECTS);
  if (objectCheck) return { ok: false, error: objectCheck };
  if (args.some((arg) => arg === "netns" || arg.startsWith("link-n"))) {
    return { ok: false, error: "bridge: namespace arguments are not allowed in the kernel sandbox" };
  }
  return { ok: true, args: [...args] };
}

type GlobalOptions = { ok: true; objectIndex: number } | { ok: false; error: string };

/** ip(8)/bridge(8) read options until the first word not starting with "-"; "--x" means "-x". */
function checkGlobalOptions(
  program: string,
  args: readonly string[],
  flags: ReadonlySet<string>,
  withValue: ReadonlySet<string>,
): GlobalOptions {
  let index = 0;
  while (index < args.length && args[index]!.startsWith("-")) {
    const option = args[index]!.startsWith("--") ? args[index]!.slice(1) : args[index]!;
    const name = option.startsWith("-c") && option.includes("=") ? option.slice(0, option.indexOf("=")) : option;
    if (withValue.has(name)) index += 2;
    else if (flags.has(name)) index += 1;
    else return { ok: false, error: `${program}: option "${args[index]}" is not allowed in the kernel sandbox` };
  }
  return { ok: true, objectIndex: index };
}

function checkObject(program: string, word: string | undefined, table: readonly string[], allowed: ReadonlySet<string>): string | undefined {
  if (!word) return undefined;
  const object = table.find((name) => name.startsWith(word));
  if (object === undefined) return undefined;
  if (allowed.has(object)) return undefined;
  return `${program} ${object} is not allowed in the kernel sandbox`;
}

/**
 * `netns X` (ip link add/set, veth `peer ... netns X`) and `link-netns X` (matched by prefix in
 * iplink.c) name a namespace: X must be a scenario host and becomes its namespace. A name with
 * "/" or a PID would reach a namespace the harness did not create, so only hosts are accepted.
 */
function rewriteNamespaceArgs(args: readonly string[], namespaceOf: NamespaceOf): CheckedArgs {
  const rewritten = [...args];
  for (let index = 0; index < rewritten.length; index++) {
    const word = rewritten[index]!;
    const namesNamespace = word === "netns" || (word.startsWith("link-n") && "link-netns".startsWith(word));
    if (word.startsWith("link-netnsi") && "link-netnsid".startsWith(word)) {
      return { ok: false, error: `ip: "${word}" is not allowed in the kernel sandbox (use netns HOST)` };
    }
    if (!namesNamespace) continue;
    const host = rewritten[index + 1];
    const namespace = host === undefined ? undefined : namespaceOf(host);
    if (namespace === undefined) {
      return { ok: false, error: `ip: "${word} ${host ?? ""}" does not name a host of this scenario` };
    }
    rewritten[index + 1] = namespace;
    index++;
  }
  return { ok: true, args: rewritten };
}
