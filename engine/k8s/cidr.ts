/** CIDR text to numbers and back, for cluster descriptions (the rules of engine/addr/ipv4.ts). */
import { formatIPv4, formatPrefix, inPrefix, networkOf, parsePrefix } from "../addr/ipv4";
import type { Cidr } from "./model";

/** "10.244.0.0/24" → Cidr, or why not: no "/len", or host bits set (ip route would refuse it). */
export function parseCidr(text: string): Cidr | string {
  const p = parsePrefix(text);
  if (p === undefined || !p.explicitLen) return `"${text}" is not a CIDR like 10.244.0.0/24`;
  if (networkOf(p.address, p.prefixLen) !== p.address) return `"${text}" has host bits set (the network is ${formatPrefix(networkOf(p.address, p.prefixLen), p.prefixLen)})`;
  return { text: formatPrefix(p.address, p.prefixLen), network: p.address, prefixLen: p.prefixLen };
}

export function cidrContains(cidr: Cidr, address: number): boolean {
  return inPrefix(address, cidr.network, cidr.prefixLen);
}

/** Whether `inner` lies wholly inside `outer`. */
export function cidrWithin(inner: Cidr, outer: Cidr): boolean {
  return inner.prefixLen >= outer.prefixLen && cidrContains(outer, inner.network);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return cidrWithin(a, b) || cidrWithin(b, a);
}

/** The address `offset` after the network address ("10.244.0.0/24", 1 → "10.244.0.1"). */
export function addressInCidr(cidr: Cidr, offset: number): string {
  return formatIPv4((cidr.network + offset) >>> 0);
}
