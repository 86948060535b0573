import { parseIPv4, parsePrefix, type Prefix } from "../addr/ipv4";
import { parseMac } from "../addr/mac";
import type { Cursor } from "./cursor";

/** iproute2's invarg(): `Error: argument "X" is wrong: WHAT`. */
export function invalidArg(cur: Cursor, word: string, what: string): never {
  cur.stop(`Error: argument "${word}" is wrong: ${what}`);
}

export function readUint(cur: Cursor, what: string, max = 0xffffffff): number {
  const word = cur.next();
  if (!/^(0|[1-9][0-9]*|0x[0-9a-fA-F]+)$/.test(word)) invalidArg(cur, word, `Invalid "${what}" value`);
  const n = Number(word);
  if (!Number.isSafeInteger(n) || n > max) invalidArg(cur, word, `Invalid "${what}" value`);
  return n;
}

/** [AD1] a strict dotted quad. */
export function readAddress(cur: Cursor, what: string): number {
  const word = cur.next();
  const a = parseIPv4(word);
  if (a === undefined) cur.stop(`Error: ${what} address is expected rather than "${word}".`);
  return a;
}

export function readPrefix(cur: Cursor, what = "any valid prefix"): Prefix {
  const word = cur.next();
  const p = parsePrefix(word);
  if (p === undefined) cur.stop(`Error: ${what} is expected rather than "${word}".`);
  return p;
}

export function readMac(cur: Cursor): string {
  const word = cur.next();
  const mac = parseMac(word);
  if (mac === undefined) cur.stop(`"${word}" is invalid lladdr.`);
  return mac;
}

export function readOnOff(cur: Cursor, what: string): boolean {
  const word = cur.next();
  if (word === "on") return true;
  if (word === "off") return false;
  cur.stop(`Error: argument of "${what}" must be "on" or "off", not "${word}"`);
}

/** Interface names: at most 15 bytes, no "/" or whitespace (dev_valid_name). */
export function readDevName(cur: Cursor): string {
  const word = cur.next();
  if (word.length === 0 || word.length > 15 || word.includes("/") || word === "." || word === "..") {
    cur.stop(`Error: argument "${word}" is wrong: "dev" not a valid ifname`);
  }
  return word;
}

/** Refuse a recognised but unsupported option by name. */
export function unsupported(cur: Cursor, word: string, where: string): never {
  cur.stop(`PodPath does not support "${word}" in "${where}" yet.`);
}
