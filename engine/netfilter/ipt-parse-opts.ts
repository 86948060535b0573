/** The rule options that need more than a word: -p, -c, -j/-g, -m and the implicit protocol match, and -N's name. */
import { param, podpath } from "./ipt-errors";
import { isOtherMatch, isOtherTarget, isTargetName, MATCHES, TARGETS } from "./ipt-extensions";
import type { Getopt } from "./ipt-getopt";
import { failAt, setOption, type ParsedArgs } from "./ipt-parsed";
import { protocolNumber, PROTO_NAMES } from "./ipt-protocols";
import { strtoui, utf8Length } from "./ipt-values";

/** parse_chain() for -N. */
export function checkNewChainName(name: string, column: number): void {
  if (utf8Length(name) >= 29) failAt(param(`chain name \`${name}' too long (must be under 29 chars)`, column));
  if (name.startsWith("-") || name.startsWith("!")) failAt(param(`chain name not allowed to start with \`${name[0]}'`, column));
  if (isTargetName(name) || isOtherTarget(name)) failAt(param("chain name may not clash with target name", column));
  if (/\s/.test(name)) failAt(param(`Invalid chain name \`${name}'`, column));
}

export function protocolOption(p: ParsedArgs, arg: string, argColumn: number, invert: boolean, column: number): void {
  setOption(p, "p", invert, column);
  const lower = arg.toLowerCase();
  const num = strtoui(lower, 0, 255) ?? protocolNumber(lower);
  if (num === undefined) failAt(param(`unknown protocol "${lower}" specified`, argColumn));
  if (num === 0 && invert) failAt(param("rule would never match protocol", argColumn));
  if (num !== 0 && !PROTO_NAMES[num!]) failAt(podpath(`PodPath models only tcp, udp and icmp: "-p ${arg}" is not supported.`, argColumn));
  p.proto = { num: num!, negate: invert, column: argColumn };
}

export function countersOption(p: ParsedArgs, g: Getopt, arg: string, invert: boolean, column: number): void {
  setOption(p, "c", invert, column);
  const comma = arg.indexOf(",", 1);
  const pcnt = comma < 0 ? arg : arg.slice(0, comma);
  let bcnt = comma < 0 ? undefined : arg.slice(comma + 1);
  if (bcnt === undefined && g.hasArg()) bcnt = g.take().text;
  if (bcnt === undefined) failAt(param("-c requires packet and byte counter", column));
  const num = (t: string): number | undefined => (/^\s*[0-9]+/.test(t) ? Number(/[0-9]+/.exec(t)![0]) : undefined);
  const packets = num(pcnt);
  if (packets === undefined) failAt(param("-c packet counter not numeric", column));
  const bytes = num(bcnt!);
  if (bytes === undefined) failAt(param("-c byte counter not numeric", column));
  p.counters = { packets: packets!, bytes: bytes! };
}

/** xt_parse_target, then a target iptables knows, or else a chain (checked when the command runs). */
export function jumpOption(p: ParsedArgs, name: string, column: number, isGoto: boolean): void {
  if (name === "") failAt(param("Invalid target name (too short)", column));
  if (utf8Length(name) >= 29) failAt(param(`Invalid target name \`${name}' (28 chars max)`, column));
  if (/\s/.test(name)) failAt(param(`Invalid target name \`${name}'`, column));
  const standard = name === "ACCEPT" || name === "DROP" || name === "RETURN";
  const target = isGoto ? undefined : TARGETS.get(name);
  if (target) {
    p.target = { ext: target(), seen: new Set(), column };
    return;
  }
  if (!isGoto && isOtherTarget(name)) failAt(podpath(`PodPath does not support the ${name} target (-j ${name}).`, column));
  p.jump = { value: name, column, goto: isGoto, standard: standard && !isGoto };
}

export function loadMatch(p: ParsedArgs, name: string, column: number, argColumn: number): void {
  const match = MATCHES.get(name);
  if (match) {
    p.matches.push({ ext: match(), seen: new Set(), column });
    return;
  }
  if (isOtherMatch(name)) failAt(podpath(`PodPath does not support the ${name} match (-m ${name}).`, argColumn));
  failAt(param(`Couldn't load match \`${name}':No such file or directory\n`, argColumn));
}

/** load_proto(): an option no loaded extension knows loads the -p protocol's match, once. */
export function loadProto(p: ParsedArgs, column: number): boolean {
  if (!p.proto || p.protoUsed) return false;
  const name = PROTO_NAMES[p.proto.num];
  if (!name) return false;
  p.protoUsed = true;
  p.matches.push({ ext: MATCHES.get(name)!(), seen: new Set(), column });
  return true;
}
