/** [AD1] Addresses are plain dotted quads; parseIPv4 is checked against ipaddr.js on random strings. */
import fc from "fast-check";
import ipaddr from "ipaddr.js";
import { describe, expect, it } from "vitest";
import { formatIPv4, parseIPv4 } from "../../engine/addr/ipv4";

/** One would-be octet: plain, with leading zeros, too big, negative, hex, octal-looking, padded, empty, odd. */
const octetText = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 255 }).map(String) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 255 }).map((n) => `0${n}`) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 99 }).map((n) => `00${n}`) },
  { weight: 2, arbitrary: fc.integer({ min: 256, max: 99999 }).map(String) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 300 }).map((n) => `-${n}`) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }).map((n) => `0x${n.toString(16)}`) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }).map((n) => ` ${n}`) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }).map((n) => `${n} `) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }).map((n) => `+${n}`) },
  { weight: 1, arbitrary: fc.constantFrom("", "1e2", "0.", "٣", "1_0", "0b1", "0o7", "Infinity", "NaN", "\t1") },
);

/** 3, 4 or 5 parts (mostly 4), joined by dots. */
const dotted = fc.oneof(
  { weight: 6, arbitrary: fc.array(octetText, { minLength: 4, maxLength: 4 }) },
  { weight: 1, arbitrary: fc.array(octetText, { minLength: 3, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.array(octetText, { minLength: 5, maxLength: 5 }) },
).map((parts) => parts.join("."));

const anything = fc.oneof(dotted, fc.string({ maxLength: 20 }));

const octetsOf = (v: number): number[] => [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];

describe("[AD1] parseIPv4 against ipaddr.js", () => {
  it("[AD1] whenever PodPath accepts a string, ipaddr.js accepts it as a four-part decimal with the same octets", () => {
    fc.assert(
      fc.property(anything, (s) => {
        const ours = parseIPv4(s);
        if (ours === undefined) return;
        expect(ipaddr.IPv4.isValidFourPartDecimal(s)).toBe(true);
        expect(ipaddr.IPv4.parse(s).octets).toEqual(octetsOf(ours));
      }),
      { numRuns: 3000 },
    );
  });

  it("[AD1] whenever ipaddr.js accepts a four-part decimal, PodPath accepts it too", () => {
    fc.assert(
      fc.property(anything, (s) => {
        if (!ipaddr.IPv4.isValidFourPartDecimal(s)) return;
        expect(parseIPv4(s)).not.toBeUndefined();
      }),
      { numRuns: 3000 },
    );
  });

  it("[AD1] every string with a leading-zero octet is refused (inet_aton would read it as octal)", () => {
    const leadingZero = fc
      .tuple(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 99 }))
      .map(([octets, at, n]) => octets.map((o, i) => (i === at ? `0${n}` : String(o))).join("."));
    fc.assert(
      fc.property(fc.oneof(leadingZero, dotted), (s) => {
        if (!/(^|\.)0[0-9]/.test(s)) return;
        expect(parseIPv4(s)).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });

  it("[AD1] formatIPv4(parseIPv4(x)) === x for every valid dotted quad", () => {
    const valid = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }).map((o) => o.join("."));
    fc.assert(
      fc.property(valid, (x) => {
        const v = parseIPv4(x);
        expect(v).not.toBeUndefined();
        expect(formatIPv4(v!)).toBe(x);
      }),
      { numRuns: 2000 },
    );
  });

  it("[AD1] the inet_aton forms are refused: octal 010.1.1.1, short 10.1, hex 0x0a.0.0.1, and 256", () => {
    for (const s of ["010.1.1.1", "10.1", "10.1.1", "0x0a.0.0.1", "10.0.0.256", "10.0.0.-1", " 10.0.0.1", "10.0.0.1 ", "10..0.1", "1.2.3.4.5", ""]) {
      expect(parseIPv4(s), s).toBeUndefined();
    }
    expect(parseIPv4("0.0.0.0")).toBe(0);
    expect(parseIPv4("255.255.255.255")).toBe(0xffffffff);
    expect(parseIPv4("10.244.0.1")).toBe(0x0af40001);
  });
});
