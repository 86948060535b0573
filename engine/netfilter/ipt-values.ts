/**
 * The value syntaxes iptables reads, as libxtables reads them: strtoul with base 0 (so 010 is
 * 8 and 0x10 is 16), ports and service names, addresses with a length or a dotted mask,
 * interface names with a trailing +.
 */
import { parseIPv4 } from "../addr/ipv4";
import { param, podpath, stop, type XtFailure } from "./ipt-errors";
import { services } from "./services";
import type { AddrPrefix, IfaceName, PortRange } from "./types";

/** isspace() in the C locale: space, \t \n \v \f \r. */
const isCSpace = (code: number): boolean => code === 32 || (code >= 9 && code <= 13);

/** The value of a hexadecimal digit's character code; 16 for any other character (or NaN past the end). */
function digitValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : 16;
}

/** strtoull(text, &end, 0): leading blanks, an optional sign, 0x hex or 0 octal. undefined when no digits. */
export function strtoul0(text: string): { value: number; end: number; negative: boolean } | undefined {
  let i = 0;
  while (i < text.length && isCSpace(text.charCodeAt(i))) i++;
  let negative = false;
  if (text[i] === "+" || text[i] === "-") negative = text[i++] === "-";
  let base = 10;
  if (text[i] === "0" && (text[i + 1] === "x" || text[i + 1] === "X") && digitValue(text.charCodeAt(i + 2)) < 16) {
    base = 16;
    i += 2;
  } else if (text[i] === "0") base = 8;
  const start = i;
  let value = 0;
  for (; i < text.length; i++) {
    const d = digitValue(text.charCodeAt(i));
    if (d >= base) break;
    value = value * base + d;
  }
  if (i === start) return undefined;
  return { value, end: i, negative };
}

/** xtables_strtoui(text, NULL, ...): the whole text is one number within [min, max]. */
export function strtoui(text: string, min: number, max: number): number | undefined {
  const r = strtoul0(text);
  if (!r || r.end !== text.length || r.negative || r.value < min || r.value > max) return undefined;
  return r.value;
}

export type PortProto = "tcp" | "udp" | undefined;

/** xtables_parse_port: a number 0-65535 or a service name of the protocol. */
export function parsePort(text: string, proto: PortProto): number | undefined {
  const n = strtoui(text, 0, 65535);
  if (n !== undefined) return n;
  const protos = proto ? [proto] : (["tcp", "udp"] as const);
  for (const p of protos) {
    const port = services(p).byName.get(text);
    if (port !== undefined) return port;
  }
  return undefined;
}

/** "a", "a:b", "a:", ":b" (tcp/udp --sport/--dport). */
export function parsePortRange(text: string, proto: PortProto, column: number): PortRange {
  const colon = text.indexOf(":");
  const one = (t: string, dflt: number): number => {
    if (t === "" && colon >= 0) return dflt;
    const p = parsePort(t, proto);
    return p ?? stop(param(`invalid port/service \`${t}' specified`, column));
  };
  if (colon < 0) {
    const p = one(text, 0);
    return { from: p, to: p };
  }
  const from = one(text.slice(0, colon), 0);
  const to = one(text.slice(colon + 1), 65535);
  if (from > to) stop(param("invalid portrange (min > max)", column));
  return { from, to };
}

/** inet_aton(3): what the libc would make of an address (010 octal, 10.1 = 10.0.0.1, 0x hex). */
export function inetAton(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length > 4 || parts.some((p) => p === "")) return undefined;
  const nums: number[] = [];
  for (const p of parts) {
    const r = strtoul0(p);
    if (!r || r.end !== p.length || r.negative || p.trim() !== p) return undefined;
    nums.push(r.value);
  }
  const last = nums.pop()!;
  if (nums.some((n) => n > 255) || last >= 2 ** (8 * (4 - nums.length))) return undefined;
  return nums.reduce((acc, n, i) => acc + n * 2 ** (24 - 8 * i), 0) + last;
}

/**
 * [IPT3] iptables reads addresses with inet_aton(3), so it takes what `ip` does not: "0/0" is
 * 0.0.0.0/0, "10.1" is 10.0.0.1, "010.1.1.1" is 8.1.1.1. PodPath reads them the same way and
 * prints them canonically, as iptables-save does. Host names resolve to nothing here.
 */
export function readAddress(text: string, bad: () => XtFailure): number {
  const a = parseIPv4(text) ?? inetAton(text);
  return a ?? stop(bad());
}

/** One element of -s/-d: ADDR[/LEN|/MASK]; the address is masked as iptables stores it. */
export function parseHostNetwork(text: string, column: number): AddrPrefix {
  const slash = text.indexOf("/");
  const host = slash < 0 ? text : text.slice(0, slash);
  let prefixLen = 32;
  if (slash >= 0) {
    const m = text.slice(slash + 1);
    if (m.includes(".")) {
      const mask = parseIPv4(m);
      if (mask === undefined) stop(param(`host/network \`${m}' not found`, column));
      prefixLen = maskToLen(mask!, m, column);
    } else {
      const n = strtoui(m, 0, 32);
      if (n === undefined) stop(param(`invalid mask \`${m}' specified`, column));
      prefixLen = n!;
    }
  }
  const notFound = () => param(`host/network \`${host}' not found`, column);
  if (host === "") stop(notFound());
  const address = readAddress(host, notFound);
  const netmask = prefixLen === 0 ? 0 : (0xffffffff << (32 - prefixLen)) >>> 0;
  return { address: (address & netmask) >>> 0, prefixLen };
}

function maskToLen(mask: number, text: string, column: number): number {
  let len = 0;
  while (len < 32 && (mask & (0x80000000 >>> len)) !== 0) len++;
  const contiguous = len === 32 ? mask === 0xffffffff : (mask & (0xffffffff >>> len)) === 0;
  if (!contiguous) stop(podpath(`PodPath models only contiguous netmasks: "/${text}" is not one; use /LEN.`, column));
  return len;
}

/** xtables_ipparse_multiple: "a,b/16,..." (each element makes its own rule). */
export function parseHostNetworks(text: string, column: number): AddrPrefix[] {
  if (!text.includes(",")) return [parseHostNetwork(text, column)];
  return text.split(",").map((part) => parseHostNetwork(part, column));
}

/** xtables_parse_interface: at most 15 bytes; a trailing + is a prefix wildcard. */
export function parseIface(text: string, column: number, warnings: string[]): IfaceName {
  if (utf8Length(text) > 15) stop(param(`interface name \`${text}' must be shorter than IFNAMSIZ (15)`, column));
  if (text.endsWith("+")) return { name: text.slice(0, -1), wildcard: true };
  if (text.includes("/") || text.includes(" ")) {
    warnings.push(`Warning: weird character in interface \`${text}' ('/' and ' ' are not allowed by the kernel).`);
  }
  return { name: text, wildcard: false };
}

export const formatIface = (i: IfaceName): string => `${i.name}${i.wildcard ? "+" : ""}`;

const NON_ASCII = /[^\x00-\x7f]/;

/** Bytes of the UTF-8 encoding (the kernel counts bytes, not characters); a lone surrogate counts 3, as U+FFFD would. */
export function utf8Length(text: string): number {
  if (!NON_ASCII.test(text)) return text.length;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (isHighSurrogate(c) && isLowSurrogate(text.charCodeAt(i + 1))) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** The longest prefix of `text` that fits in `max` UTF-8 bytes (xt_comment and LOG truncate). */
export function truncateUtf8(text: string, max: number): string {
  if (utf8Length(text) <= max) return text;
  let n = 0;
  let out = "";
  for (const ch of text) {
    const len = utf8Length(ch);
    if (n + len > max) break;
    n += len;
    out += ch;
  }
  return out;
}
