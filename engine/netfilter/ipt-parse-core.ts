/** do_parse()'s switch over iptables' own options (commands, -s -d -i -o -t -v -n -x ...). */
import { param, podpath } from "./ipt-errors";
import type { Getopt } from "./ipt-getopt";
import { addCommand, CMD, failAt, ruleNumber, setOption, type Located, type ParsedArgs, type ParseOptions } from "./ipt-parsed";
import { checkNewChainName, countersOption, jumpOption, loadMatch, protocolOption } from "./ipt-parse-opts";
import { parseIface } from "./ipt-values";

const RULE_COMMANDS: Readonly<Record<string, number>> = { A: CMD.APPEND, C: CMD.CHECK, R: CMD.REPLACE, I: CMD.INSERT, D: CMD.DELETE };

/** -L, -S, -F, -X, -Z: an optional chain, attached or the next word; none keeps an earlier one (-L OUTPUT -Z). */
function optionalChain(p: ParsedArgs, g: Getopt, arg: string | undefined, argColumn: number): Located<string> | undefined {
  if (arg !== undefined) return { value: arg, column: argColumn };
  if (!g.hasArg()) return p.chain;
  const t = g.take();
  return { value: t.text, column: t.column };
}

export function coreOption(p: ParsedArgs, g: Getopt, c: string, arg: string | undefined, argColumn: number, column: number, invert: boolean, o: ParseOptions): void {
  switch (c) {
    case "A": case "C": case "R": case "I": case "D": {
      addCommand(p, RULE_COMMANDS[c]!, 0, invert, column);
      p.chain = { value: arg ?? "", column: argColumn };
      if (c === "D" && g.hasArg()) {
        p.rulenum = ruleNumber(g.take());
        p.command = CMD.DELETE_NUM;
      } else if (c === "R") {
        if (!g.hasArg()) failAt(param("-R requires a rule number", column));
        p.rulenum = ruleNumber(g.take());
      } else if (c === "I") p.rulenum = g.hasArg() ? ruleNumber(g.take()) : 1;
      return;
    }
    case "L": case "S": {
      addCommand(p, c === "L" ? CMD.LIST : CMD.LIST_RULES, CMD.ZERO | CMD.ZERO_NUM, invert, column);
      p.chain = optionalChain(p, g, arg, argColumn);
      if (g.hasArg()) p.rulenum = ruleNumber(g.take());
      return;
    }
    case "F": case "X":
      addCommand(p, c === "F" ? CMD.FLUSH : CMD.DELETE_CHAIN, 0, invert, column);
      p.chain = optionalChain(p, g, arg, argColumn);
      return;
    case "Z":
      addCommand(p, CMD.ZERO, CMD.LIST | CMD.LIST_RULES, invert, column);
      p.chain = optionalChain(p, g, arg, argColumn);
      if (g.hasArg()) {
        p.rulenum = ruleNumber(g.take());
        p.command = CMD.ZERO_NUM;
      }
      return;
    case "N":
      checkNewChainName(arg ?? "", argColumn);
      addCommand(p, CMD.NEW_CHAIN, 0, invert, column);
      p.chain = { value: arg ?? "", column: argColumn };
      return;
    case "E":
      addCommand(p, CMD.RENAME_CHAIN, 0, invert, column);
      p.chain = { value: arg ?? "", column: argColumn };
      if (!g.hasArg()) failAt(param("-E requires old-chain-name and new-chain-name", column));
      p.newname = g.take().text;
      return;
    case "P": {
      addCommand(p, CMD.SET_POLICY, 0, invert, column);
      p.chain = { value: arg ?? "", column: argColumn };
      if (!g.hasArg()) failAt(param("-P requires a chain and a policy", column));
      const t = g.take();
      p.policy = { value: t.text, column: t.column };
      return;
    }
    case "p":
      return protocolOption(p, arg ?? "", argColumn, invert, column);
    case "s": case "d": {
      setOption(p, c, invert, column);
      // iptables keeps argv[optind - 1]: with the value attached ("-s1.2.3.4", "--src=...") that is the whole word.
      const word = g.previous();
      p[c === "s" ? "src" : "dst"] = { value: { value: word.text, column: word.column }, negate: invert };
      return;
    }
    case "i": case "o": {
      if (arg === "") failAt(param("Empty interface is likely to be undesired", argColumn));
      setOption(p, c, invert, column);
      p[c === "i" ? "inIface" : "outIface"] = { value: parseIface(arg ?? "", argColumn, p.warnings), negate: invert };
      return;
    }
    case "j": case "g":
      setOption(p, "j", invert, column);
      return jumpOption(p, arg ?? "", argColumn, c === "g");
    case "m":
      if (invert) failAt(param("unexpected ! flag before --match", column));
      return loadMatch(p, arg ?? "", column, argColumn);
    case "t":
      if (invert) failAt(param("unexpected ! flag before --table", column));
      if (o.restore) failAt(param("The -t option cannot be used in iptables-restore.\n", column));
      p.table = { value: arg ?? "", column: argColumn };
      return;
    case "v":
      if (!p.verbose) setOption(p, "v", invert, column);
      p.verbose = true;
      return;
    case "n": case "x": case "0": case "f":
      setOption(p, c, invert, column);
      if (c === "f") failAt(podpath("PodPath does not model IP fragments: -f is not supported.", column));
      return;
    case "c":
      return countersOption(p, g, arg ?? "", invert, column);
    case "w": case "W":
      if (o.restore) failAt(param(`You cannot use \`-${c}' from iptables-restore`, column));
      if (arg === undefined && g.hasArg()) arg = g.take().text;
      if (arg !== undefined && !/^[0-9]+$/.test(arg)) failAt(param(c === "w" ? "wait seconds not numeric" : "wait interval not numeric", column));
      return;
    case "4":
      return;
    case "6":
      return failAt(podpath("PodPath models IPv4 only: -6 (ip6tables) is not supported.", column));
    case "V":
      p.version = true;
      return;
    case "h":
      return failAt(podpath("PodPath does not print iptables' help; see man iptables(8) and iptables-extensions(8).", column));
    default:
      return failAt(podpath(`PodPath does not support iptables option -${c === "M" ? "-modprobe" : c}.`, column));
  }
}

