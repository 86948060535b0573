/**
 * One rule as `iptables -L` prints it ([IPT11]): print_rule_details, then the addresses, then
 * each match's and the target's print function. Without -n names replace numbers the way the
 * tools resolve them: protocols, services, ICMP types, "anywhere"; addresses stay numeric
 * (no DNS in a namespace) except the names in /etc/hosts and /etc/networks.
 */
import { formatIPv4 } from "../addr/ipv4";
import { assertNever } from "../model/carrier";
import type { ListFlags } from "./ipt-command";
import { ICMP_NAMES } from "./ipt-match-icmp";
import { hex, natRange, physdevText, statisticProbability } from "./print-save";
import { services } from "./services";
import { formatIface } from "./ipt-values";
import type { AddrPrefix, Counters, Match, Negatable, PortRange, Rule, Target } from "./types";

/** xtables_print_num: %5llu, else rounded to K/M/G/T in 4 digits; -x: %8llu. */
export function printNum(n: number, flags: ListFlags, table = true): string {
  if (flags.exact) return table ? `${String(n).padStart(8)} ` : `${n} `;
  const fmt = (v: number, suffix: string, width: number): string => (table ? `${String(v).padStart(width)}${suffix} ` : `${v}${suffix} `);
  if (n <= 99999) return fmt(n, "", 5);
  let v = n;
  for (const suffix of ["K", "M", "G"]) {
    v = Math.floor((v + 500) / 1000);
    if (v <= 9999) return fmt(v, suffix, 4);
  }
  return fmt(Math.floor((v + 500) / 1000), "T", 4);
}

const HOSTS: Readonly<Record<string, string>> = { "127.0.0.1": "localhost" };
const NETWORKS: Readonly<Record<string, string>> = { "0.0.0.0": "default", "127.0.0.0": "loopback", "169.254.0.0": "link-local" };

function address(a: Negatable<AddrPrefix> | undefined, numeric: boolean): string {
  const v = a?.value ?? { address: 0, prefixLen: 0 };
  const inv = a?.negate ? "!" : " ";
  if (v.prefixLen === 0 && !numeric) return `${inv}${"anywhere".padEnd(19)} `;
  const ip = formatIPv4(v.address);
  const name = numeric ? ip : v.prefixLen === 32 ? (HOSTS[ip] ?? ip) : (NETWORKS[ip] ?? ip);
  return `${inv}${(name + (v.prefixLen === 32 ? "" : `/${v.prefixLen}`)).padEnd(19)} `;
}

function port(p: number, proto: "tcp" | "udp", numeric: boolean): string {
  return numeric ? `${p}` : (services(proto).byPort.get(p) ?? `${p}`);
}

function ports(name: string, r: Negatable<PortRange> | undefined, proto: "tcp" | "udp", numeric: boolean): string {
  if (!r) return "";
  const inv = r.negate ? "!" : "";
  const { from, to } = r.value;
  if (from === to) return ` ${name}:${inv}${port(from, proto, numeric)}`;
  return ` ${name}s:${inv}${port(from, proto, numeric)}:${port(to, proto, numeric)}`;
}

function icmpText(m: Extract<Match, { kind: "icmp" }>, numeric: boolean): string {
  const t = m.icmpType;
  if (!t) return " icmp";
  const { type, code } = t.value;
  const [lo, hi] = code === undefined ? [0, 255] : [code, code];
  if (!numeric) {
    const named = ICMP_NAMES.find(([, ty, a, b]) => ty === type && a === lo && b === hi);
    if (named) return ` icmp ${t.negate ? "!" : ""}${named[0]}`;
  }
  return ` icmp${t.negate ? " !" : ""}type ${type}${lo === hi ? ` code ${lo}` : lo !== 0 || hi !== 255 ? ` codes ${lo}-${hi}` : ""}`;
}

const mult = (ps: readonly PortRange[], proto: "tcp" | "udp", numeric: boolean): string =>
  ps.map((p) => (p.from === p.to ? port(p.from, proto, numeric) : `${port(p.from, proto, numeric)}:${port(p.to, proto, numeric)}`)).join(",");

export function listMatch(m: Match, rule: Rule, numeric: boolean): string {
  const proto = rule.proto?.value === "udp" ? "udp" : "tcp";
  switch (m.kind) {
    case "tcp":
    case "udp":
      return ` ${m.kind}${ports("spt", m.sport, m.kind, numeric)}${ports("dpt", m.dport, m.kind, numeric)}`;
    case "icmp":
      return icmpText(m, numeric);
    case "multiport":
      return ` multiport ${m.which} ${m.ports.negate ? " !" : ""}${mult(m.ports.value, proto, numeric)}`;
    case "comment":
      return ` /* ${m.text} */`;
    case "conntrack":
      return ` ${m.ctstate.negate ? "! " : ""}ctstate ${m.ctstate.value.join(",")}`;
    case "state":
      return ` ${m.state.negate ? "! " : ""}state ${m.state.value.join(",")}`;
    case "mark":
      return ` mark match${m.mark.negate ? " !" : ""} ${hex(m.mark.value.value)}${m.mark.value.mask !== 0xffffffff ? `/${hex(m.mark.value.mask)}` : ""}`;
    case "addrtype": {
      const type = (w: string, t: Negatable<string> | undefined): string => (t ? ` ${w} ${t.negate ? "!" : ""}${t.value}` : "");
      return ` ADDRTYPE match${type("src-type", m.srcType)}${type("dst-type", m.dstType)}${m.limitIfaceIn ? " limit-in" : ""}${m.limitIfaceOut ? " limit-out" : ""}`;
    }
    case "physdev":
      return ` PHYSDEV match${physdevText(m)}`;
    case "statistic":
      if (m.mode === "random") return ` statistic mode random probability ${statisticProbability(m.probability)}`;
      return ` statistic mode nth every ${m.every}${m.packet ? ` packet ${m.packet}` : ""}`;
    default:
      return assertNever(m);
  }
}

const LOG_LEVELS = ["emerg", "alert", "crit", "err", "warn", "notice", "info", "debug"];

export function listTarget(t: Target, numeric: boolean): string {
  switch (t.kind) {
    case "ACCEPT":
    case "DROP":
    case "RETURN":
    case "jump":
    case "goto":
      return "";
    case "REJECT":
      return ` reject-with ${t.with}`;
    case "LOG": {
      const level = t.level ?? 4;
      const prefix = t.prefix !== undefined ? ` prefix "${t.prefix}"` : "";
      return numeric ? ` LOG flags 0 level ${level}${prefix}` : ` LOG level ${LOG_LEVELS[level]}${prefix}`;
    }
    case "DNAT":
    case "SNAT":
      return ` to:${natRange(t.to)}${t.random ? " random" : ""}${t.kind === "SNAT" && t.randomFully ? " random-fully" : ""}${t.persistent ? " persistent" : ""}`;
    case "MASQUERADE":
      return `${t.toPorts ? ` masq ports: ${t.toPorts.from}${t.toPorts.to !== t.toPorts.from ? `-${t.toPorts.to}` : ""}` : ""}${t.random ? " random" : ""}${t.randomFully ? " random-fully" : ""}`;
    case "MARK": {
      const { value, mask } = t;
      if (value === 0) return ` MARK and ${hex(~mask >>> 0)}`;
      if (value === mask) return ` MARK or ${hex(value)}`;
      if (mask === 0) return ` MARK xor ${hex(value)}`;
      if (mask === 0xffffffff) return ` MARK set ${hex(value)}`;
      return ` MARK xset ${hex(value)}/${hex(mask)}`;
    }
    default:
      return assertNever(t);
  }
}

export function targetName(t: Target | undefined): string {
  if (!t) return "";
  return t.kind === "jump" || t.kind === "goto" ? t.chain : t.kind;
}

const PROTO_NUM = { tcp: 6, udp: 17, icmp: 1 } as const;

export function listRuleLine(rule: Rule, num: number, counters: Counters, flags: ListFlags): string {
  let s = "";
  if (flags.lineNumbers) s += `${String(num).padEnd(4)} `;
  if (flags.verbose) s += printNum(counters.packets, flags) + printNum(counters.bytes, flags);
  s += `${targetName(rule.target).padEnd(9)} `;
  s += rule.proto?.negate ? "!" : " ";
  const proto = rule.proto ? (flags.numeric ? `${PROTO_NUM[rule.proto.value]}` : rule.proto.value) : flags.numeric ? "0" : "all";
  s += `${proto.padEnd(4)} -- `;
  if (flags.verbose) {
    const iface = (i: Negatable<{ name: string; wildcard: boolean }> | undefined): string => `${i?.negate ? "!" : ""}${i ? formatIface(i.value) : flags.numeric ? "*" : "any"}`;
    s += ` ${iface(rule.inIface).padEnd(6)} ${iface(rule.outIface).padEnd(6)} `;
  }
  s += address(rule.src, flags.numeric) + address(rule.dst, flags.numeric);
  if (rule.target?.kind === "goto") s += "[goto] ";
  for (const m of rule.matches) s += listMatch(m, rule, flags.numeric);
  if (rule.target) s += listTarget(rule.target, flags.numeric);
  return s;
}
