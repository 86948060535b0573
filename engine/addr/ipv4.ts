/**
 * IPv4 addresses as unsigned 32-bit numbers.
 *
 * [AD1] Only plain dotted quads are addresses: four decimal octets 0-255 with no leading zeros.
 * inet_aton(3) would read "010.1.1.1" as octal 8.1.1.1 and "10.1" as 10.0.0.1; PodPath refuses
 * both rather than guess. tests/engine/ipv4.test.ts checks this parser against ipaddr.js.
 */

/** One pass over the characters: four runs of 1-3 digits, no leading zero, each at most 255. */
export function parseIPv4(text: string): number | undefined {
  let value = 0;
  let octets = 0;
  let i = 0;
  const n = text.length;
  while (octets < 4) {
    const start = i;
    let octet = 0;
    while (i < n) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      octet = octet * 10 + c;
      i++;
    }
    const len = i - start;
    if (len === 0 || len > 3 || octet > 255 || (len > 1 && text.charCodeAt(start) === 48)) return undefined;
    value = value * 256 + octet;
    octets++;
    if (octets < 4) {
      if (text.charCodeAt(i) !== 46) return undefined;
      i++;
    }
  }
  return i === n ? value : undefined;
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
