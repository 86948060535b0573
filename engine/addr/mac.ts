/**
 * MAC addresses as lower-case "aa:bb:cc:dd:ee:ff" strings.
 *
 * [LK2] The kernel gives new devices random, locally administered unicast MACs
 * (eth_hw_addr_random). PodPath derives them from the host and device name instead, so the
 * same scenario always prints the same MACs.
 */

export const BROADCAST_MAC = "ff:ff:ff:ff:ff:ff";
export const ZERO_MAC = "00:00:00:00:00:00";

/** FNV-1a over the seed, stretched to 40 bits; first octet is locally administered unicast. */
export function deterministicMac(seed: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < seed.length; i++) {
    const c = seed.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x85ebca6b) >>> 0;
  }
  const first = ((h1 >>> 24) & 0xfc) | 0x02;
  const bytes = [first, (h1 >>> 16) & 255, (h1 >>> 8) & 255, h1 & 255, (h2 >>> 8) & 255, h2 & 255];
  return bytes.map((b) => b.toString(16).padStart(2, "0")).join(":");
}

/** Accepts six hex octets separated by colons (one or two digits each, as ip(8) does). */
export function parseMac(text: string): string | undefined {
  const parts = text.split(":");
  if (parts.length !== 6) return undefined;
  if (!parts.every((p) => /^[0-9a-fA-F]{1,2}$/.test(p))) return undefined;
  return parts.map((p) => p.toLowerCase().padStart(2, "0")).join(":");
}

/** The group bit is the low bit of the first octet, i.e. of its second hex digit (read without slicing: bridges ask per frame). */
export function isMulticastMac(mac: string): boolean {
  const c = mac.charCodeAt(1);
  const digit = c <= 57 ? c - 48 : (c | 32) - 87;
  return (digit & 1) === 1;
}

/** Compare as 48-bit numbers (the bridge takes the lowest port MAC, br_stp_recalculate_bridge_id). */
export function compareMac(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
