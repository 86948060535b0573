/**
 * `conntrack -L [-p PROTO] [-s ADDR] [-d ADDR] [--sport N] [--dport N] [-n] [-g]`, `conntrack -L
 * expect` and `conntrack -F` (conntrack-tools 1.4.7) ([IPT17], [IPT18]). Other commands are
 * refused by name.
 */
import type { Token } from "../cmd/tokenize";
import { fail, ok, type Result } from "../cmd/result";
import { networkOf } from "../addr/ipv4";
import type { ConntrackCommand, ConntrackFilter } from "./ipt-command";
import { protocolNumber, PROTO_NAMES } from "./ipt-protocols";
import { inetAton, strtoui } from "./ipt-values";
import type { Mutable } from "../model/mutable";

export const CT_VERSION = "conntrack v1.4.7 (conntrack-tools)";
const err = (message: string, column?: number) => fail(`${CT_VERSION}: ${message}\nTry \`conntrack -h' or 'conntrack --help' for more information.`, column);

const OTHER_COMMANDS: Readonly<Record<string, string>> = {
  "-G": "-G", "--get": "-G", "-D": "-D", "--delete": "-D", "-I": "-I", "--create": "-I", "-U": "-U", "--update": "-U",
  "-E": "-E", "--event": "-E", "-C": "-C", "--count": "-C", "-S": "-S", "--stats": "-S", "-R": "-R", "--load-file": "-R",
};

const LONG: Readonly<Record<string, string>> = {
  "--dump": "-L", "--flush": "-F", "--protonum": "-p", "--src": "-s", "--orig-src": "-s", "--dst": "-d", "--orig-dst": "-d",
  "--src-nat": "-n", "--dst-nat": "-g", "--family": "-f", "--orig-port-src": "--sport", "--orig-port-dst": "--dport",
};

/** Real options PodPath does not filter by. */
const OTHER_OPTIONS = ["-r", "--reply-src", "-q", "--reply-dst", "-m", "--mark", "-o", "--output", "-z", "--zero", "-u", "--status", "-t", "--timeout", "-e", "--event-mask", "-l", "--label", "-w", "--zone", "-c", "--secmark", "-b", "--buffer-size", "-j", "--any-nat", "--mask-src", "--mask-dst", "--orig-zone", "--reply-zone", "--state", "--reply-port-src", "--reply-port-dst"];


export function parseConntrack(words: readonly Token[]): Result<ConntrackCommand> {
  let command: "L" | "F" | undefined;
  let table = "conntrack";
  const filter: Mutable<ConntrackFilter> = {};
  let protoNum: number | undefined;
  let commandColumn = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const opt = LONG[w.text] ?? w.text;
    const value = (): Token | undefined => words[++i];
    if (opt === "-L" || opt === "-F") {
      if (command !== undefined) return err("Invalid commands combination", w.column);
      command = opt === "-L" ? "L" : "F";
      commandColumn = w.column;
      const next = words[i + 1];
      if (next && !next.text.startsWith("-")) {
        table = next.text;
        i++;
      }
      continue;
    }
    if (Object.hasOwn(OTHER_COMMANDS, w.text)) return fail(`PodPath runs only "conntrack -L" and "conntrack -F", not "conntrack ${OTHER_COMMANDS[w.text]}".`, w.column);
    if (OTHER_OPTIONS.includes(w.text)) return fail(`PodPath does not support "conntrack ${w.text}": it filters by -p, -s, -d, --sport, --dport, -n and -g.`, w.column);
    if (command === "F" && opt.startsWith("-")) {
      const long = { "-p": "--protonum", "-s": "--orig-src", "-d": "--orig-dst", "-n": "--src-nat", "-g": "--dst-nat", "-f": "--family" }[opt] ?? opt;
      return err(`Illegal option \`${long}' with this command`, w.column);
    }
    switch (opt) {
      case "-p": {
        const v = value();
        if (!v) return err(`option \`${w.text}' requires an argument`, w.column);
        const lower = v.text.toLowerCase();
        const n = strtoui(lower, 0, 255) ?? protocolNumber(lower);
        if (n === undefined) return err(`\`${v.text}' unsupported protocol`, v.column);
        protoNum = n;
        continue;
      }
      case "-s":
      case "-d": {
        const v = value();
        if (!v) return err(`option \`${w.text}' requires an argument`, w.column);
        const slash = v.text.indexOf("/");
        const address = inetAton(slash < 0 ? v.text : v.text.slice(0, slash));
        const prefixLen = slash < 0 ? 32 : strtoui(v.text.slice(slash + 1), 0, 32);
        if (address === undefined || prefixLen === undefined) return err(`Invalid IP address \`${v.text}'`, v.column);
        filter[opt === "-s" ? "src" : "dst"] = { address: networkOf(address, prefixLen), prefixLen };
        continue;
      }
      case "--sport":
      case "--dport": {
        if (protoNum !== 6 && protoNum !== 17) return err(`unknown option \`${w.text}'`, w.column);
        const v = value();
        if (!v) return err(`option \`${w.text}' requires an argument`, w.column);
        const port = strtoui(v.text, 0, 65535);
        if (port === undefined) return fail(`PodPath reads ports as numbers 0-65535, not "${v.text}".`, v.column);
        filter[opt === "--sport" ? "sport" : "dport"] = port;
        continue;
      }
      case "-n":
        filter.snat = true;
        continue;
      case "-g":
        filter.dnat = true;
        continue;
      case "-f": {
        const v = value();
        if (!v || (v.text !== "ipv4" && v.text !== "ipv6")) return err(`option \`${w.text}' requires an argument`, w.column);
        if (v.text === "ipv6") protoNum = -1;
        continue;
      }
      default:
        return err(w.text.startsWith("-") ? `unknown option \`${w.text}'` : `Bad parameter \`${w.text}'`, w.column);
    }
  }
  if (command === undefined) return fail('PodPath runs "conntrack -L" (list) and "conntrack -F" (flush); conntrack alone prints its help.', 0);
  if (table !== "conntrack") {
    if (table === "expect" && command === "L") return ok({ type: "list-expect" });
    return fail(`PodPath models the conntrack table only, not "${table}".`, commandColumn);
  }
  if (command === "F") return ok({ type: "flush" });
  if (protoNum !== undefined) {
    const name = PROTO_NAMES[protoNum];
    // A protocol PodPath never tracks (or IPv6) lists nothing, as on a node with no such flows.
    if (!name) return ok({ type: "list", filter: { ...filter, proto: "none" } });
    filter.proto = name;
  }
  return ok({ type: "list", filter });
}
