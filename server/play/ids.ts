/** Random ids for players, attempts that sort by time, and random level seeds. */
import { randomFillSync } from "node:crypto";

/**
 * Bytes from the system's CSPRNG, drawn 4 KB at a time and each handed out once: a reset at
 * 2,000 students asked the kernel for 16 bytes every time.
 */
const pool = Buffer.alloc(4096);
let used = pool.length;

function randomBytesFromPool(n: number): Buffer {
  if (used + n > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += n;
  return pool.subarray(used - n, used);
}

/** 128 random bits, URL-safe: 22 characters, which fits the protocol's attempt id pattern. */
export function newId(): string {
  return randomBytesFromPool(16).toString("base64url");
}

/** Base 64 with its digits in ASCII order, so that SQLite's BINARY collation sorts what they encode. */
const ORDERED_DIGITS = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

/**
 * An attempt id that sorts by when it was made: `ms` (Unix milliseconds, 42 bits: until the year
 * 2109) in 7 ordered digits, then 96 random bits, URL-safe: 23 characters, within the protocol's
 * attempt id pattern. A command's row is indexed by its attempt id, and an active attempt is a
 * recent one, so commands are written near the index's end, where a batch's jobs often share a
 * page, rather than into a random page each (server/classroom/README.md, Performance).
 */
export function newAttemptId(ms: number): string {
  // A clock that says nothing usable sorts first rather than writing "undefined" into the id.
  const t = Number.isFinite(ms) && ms > 0 ? Math.floor(ms) : 0;
  let time = "";
  for (let shift = 36; shift >= 0; shift -= 6) time += ORDERED_DIGITS[Math.floor(t / 2 ** shift) % 64]!;
  return time + randomBytesFromPool(12).toString("base64url");
}

/** A random unsigned 32-bit seed: the level variant a new attempt plays. */
export function newSeed(): number {
  return randomBytesFromPool(4).readUInt32BE(0);
}
