/**
 * A rule as iptables-save and iptables -S print it ([IPT10]): -s -d -i -o -p, the matches in
 * the order given (each as its extension's save function prints it), then -j/-g. Printed
 * from the stored structure, never from the text that was typed.
 */
import { formatIPv4 } from "../addr/ipv4";
import { assertNever } from "../model/carrier";
import { formatIface } from "./ipt-values";
import type { Counters, Match, NatRange, Negatable, PortRange, Rule, Target } from "./types";

const NO_QUOTE = /^[_\-0-9a-zA-Z]+$/;

/** xtables_save_string: quoted (with \" \\ \' escaped) unless only [_-0-9a-zA-Z]. */
export function saveString(text: string): string {
  if (NO_QUOTE.test(text)) return text;
  return `"${text.replace(/["\\']/g, (c) => `\\${c}`)}"`;
}

export const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;
const not = (n: Negatable<unknown> | undefined): string => (n?.negate ? " !" : "");
const range = (p: PortRange, sep: string): string => (p.from === p.to ? `${p.from}` : `${p.from}${sep}${p.to}`);
export const statisticProbability = (p: number): string => p.toFixed(11);

export function natRange(r: NatRange): string {
  let s = "";
  if (r.from !== undefined) s += formatIPv4(r.from) + (r.to !== undefined && r.to !== r.from ? `-${formatIPv4(r.to)}` : "");
  if (r.ports) s += `:${range(r.ports, "-")}`;
  return s;
}

export function saveMatch(m: Match): string {
  switch (m.kind) {
    case "tcp":
    case "udp":
      return ` -m ${m.kind}${m.sport ? `${not(m.sport)} --sport ${range(m.sport.value, ":")}` : ""}${m.dport ? `${not(m.dport)} --dport ${range(m.dport.value, ":")}` : ""}`;
    case "icmp": {
      const t = m.icmpType;
      if (!t) return " -m icmp";
      const type = t.value.type === 255 && t.value.code === undefined ? "any" : `${t.value.type}${t.value.code !== undefined ? `/${t.value.code}` : ""}`;
      return ` -m icmp${not(t)} --icmp-type ${type}`;
    }
    case "multiport":
      return ` -m multiport${not(m.ports)} --${m.which} ${m.ports.value.map((p) => range(p, ":")).join(",")}`;
    case "comment":
      return ` -m comment --comment ${saveString(m.text)}`;
    case "conntrack":
      return ` -m conntrack${not(m.ctstate)} --ctstate ${m.ctstate.value.join(",")}`;
    case "state":
      return ` -m state${not(m.state)} --state ${m.state.value.join(",")}`;
    case "mark":
      return ` -m mark${not(m.mark)} --mark ${hex(m.mark.value.value)}${m.mark.value.mask !== 0xffffffff ? `/${hex(m.mark.value.mask)}` : ""}`;
    case "addrtype":
      return ` -m addrtype${m.srcType ? `${not(m.srcType)} --src-type ${m.srcType.value}` : ""}${m.dstType ? `${not(m.dstType)} --dst-type ${m.dstType.value}` : ""}${m.limitIfaceIn ? " --limit-iface-in" : ""}${m.limitIfaceOut ? " --limit-iface-out" : ""}`;
    case "physdev":
      return ` -m physdev${physdevText(m)}`;
    case "statistic":
      if (m.mode === "random") return ` -m statistic --mode random --probability ${statisticProbability(m.probability)}`;
      return ` -m statistic --mode nth --every ${m.every} --packet ${m.packet}`;
    default:
      return assertNever(m);
  }
}

/** libxt_physdev prints the same words in save and -L: is-in, in, is-out, out, is-bridged. */
export function physdevText(m: Extract<Match, { kind: "physdev" }>): string {
  let s = "";
  if (m.isIn) s += `${not(m.isIn)} --physdev-is-in`;
  if (m.physdevIn) s += `${not(m.physdevIn)} --physdev-in ${formatIface(m.physdevIn.value)}`;
  if (m.isOut) s += `${not(m.isOut)} --physdev-is-out`;
  if (m.physdevOut) s += `${not(m.physdevOut)} --physdev-out ${formatIface(m.physdevOut.value)}`;
  if (m.isBridged) s += `${not(m.isBridged)} --physdev-is-bridged`;
  return s;
}

export function saveTarget(t: Target): string {
  switch (t.kind) {
    case "ACCEPT":
    case "DROP":
    case "RETURN":
      return ` -j ${t.kind}`;
    case "jump":
      return ` -j ${t.chain}`;
    case "goto":
      return ` -g ${t.chain}`;
    case "REJECT":
      return ` -j REJECT --reject-with ${t.with}`;
    case "LOG":
      return ` -j LOG${t.prefix !== undefined ? ` --log-prefix ${saveString(t.prefix)}` : ""}${t.level !== undefined && t.level !== 4 ? ` --log-level ${t.level}` : ""}`;
    case "DNAT":
      return ` -j DNAT --to-destination ${natRange(t.to)}${t.random ? " --random" : ""}${t.persistent ? " --persistent" : ""}`;
    case "SNAT":
      return ` -j SNAT --to-source ${natRange(t.to)}${t.random ? " --random" : ""}${t.randomFully ? " --random-fully" : ""}${t.persistent ? " --persistent" : ""}`;
    case "MASQUERADE":
      return ` -j MASQUERADE${t.toPorts ? ` --to-ports ${range(t.toPorts, "-")}` : ""}${t.random ? " --random" : ""}${t.randomFully ? " --random-fully" : ""}`;
    case "MARK":
      return ` -j MARK --set-xmark ${hex(t.value)}/${hex(t.mask)}`;
    default:
      return assertNever(t);
  }
}

const addr = (flag: string, a: Negatable<{ address: number; prefixLen: number }> | undefined): string =>
  a ? ` ${a.negate ? "! " : ""}${flag} ${formatIPv4(a.value.address)}/${a.value.prefixLen}` : "";

/** "-A CHAIN ..." (with `-c P B` before the target when -S -v asks for counters). */
export function saveRule(chain: string, r: Rule, counters?: Counters): string {
  let s = `-A ${chain}`;
  s += addr("-s", r.src) + addr("-d", r.dst);
  if (r.inIface) s += ` ${r.inIface.negate ? "! " : ""}-i ${formatIface(r.inIface.value)}`;
  if (r.outIface) s += ` ${r.outIface.negate ? "! " : ""}-o ${formatIface(r.outIface.value)}`;
  if (r.proto) s += ` ${r.proto.negate ? "! " : ""}-p ${r.proto.value}`;
  for (const m of r.matches) s += saveMatch(m);
  if (counters) s += ` -c ${counters.packets} ${counters.bytes}`;
  if (r.target) s += saveTarget(r.target);
  return s;
}
