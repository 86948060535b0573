/**
 * IPv4 addresses in scenario files are strict dotted quads: four decimal octets 0-255 without
 * leading zeros. inet_aton(3) would read "010.1.1.1" as octal 8.1.1.1 and "10.1" as 10.0.0.1,
 * so such spellings are refused rather than guessed.
 */

/** Why text is not a strict dotted quad, or undefined when it is one. */
export function dottedQuadProblem(text: string): string | undefined {
  const octets = text.split(".");
  if (octets.length !== 4) return "is not a dotted quad (four decimal octets, like 10.0.0.1)";
  for (const octet of octets) {
    if (!/^[0-9]+$/.test(octet)) return "is not a dotted quad (four decimal octets, like 10.0.0.1)";
    if (octet.length > 1 && octet.startsWith("0")) return "is not a dotted quad (leading zeros are not allowed)";
    if (Number(octet) > 255) return "is not a dotted quad (octets are 0-255)";
  }
  return undefined;
}
