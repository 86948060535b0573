/** Random ids for players and attempts, and random level seeds. */
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

/** A random unsigned 32-bit seed: the level variant a new attempt plays. */
export function newSeed(): number {
  return randomBytesFromPool(4).readUInt32BE(0);
}
