/**
 * IPv4 addresses as unsigned 32-bit numbers.
 *
 * [AD1] Only plain dotted quads are addresses: four decimal octets 0-255 with no leading zeros.
 * inet_aton(3) would read "010.1.1.1" as octal 8.1.1.1 and "10.1" as 10.0.0.1; PodPath refuses
 * both rather than guess. tests/engine/ipv4.test.ts checks this parser against ipaddr.js.
 */

const OCTET = /^(0|[1-9][0-9]{0,2})$/;

export function parseIPv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!OCTET.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function formatIPv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/** The netmask of a prefix length, as an unsigned number. */
export function prefixMask(prefixLen: number): number {
  return prefixLen === 0 ? 0 : (0xffffffff << (32 - prefixLen)) >>> 0;
}

export function networkOf(address: number, prefixLen: number): number {
  return (address & prefixMask(prefixLen)) >>> 0;
}

export function inPrefix(address: number, network: number, prefixLen: number): boolean {
  return networkOf(address, prefixLen) === network;
}

export function broadcastOf(address: number, prefixLen: number): number {
  return (networkOf(address, prefixLen) | (~prefixMask(prefixLen) >>> 0)) >>> 0;
}

export interface Prefix {
  readonly address: number;
  readonly prefixLen: number;
  /** False when the text had no "/len" (ip(8) then means a host: /32). */
  readonly explicitLen: boolean;
}

/** "a.b.c.d/len" or "a.b.c.d" (= /32). */
export function parsePrefix(text: string): Prefix | undefined {
  const slash = text.indexOf("/");
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const address = parseIPv4(addressText);
  if (address === undefined) return undefined;
  if (slash < 0) return { address, prefixLen: 32, explicitLen: false };
  const lenText = text.slice(slash + 1);
  if (!/^(0|[1-9][0-9]?)$/.test(lenText)) return undefined;
  const prefixLen = Number(lenText);
  if (prefixLen > 32) return undefined;
  return { address, prefixLen, explicitLen: true };
}

export function formatPrefix(address: number, prefixLen: number): string {
  return `${formatIPv4(address)}/${prefixLen}`;
}

/** Classes the kernel treats specially on input (net/ipv4/route.c ip_route_input_slow). */
export const isZeronet = (a: number): boolean => a >>> 24 === 0;
export const isLoopback = (a: number): boolean => a >>> 24 === 127;
export const isMulticast = (a: number): boolean => a >>> 28 === 0xe;
export const isLimitedBroadcast = (a: number): boolean => a === 0xffffffff;
