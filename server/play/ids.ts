/** Random ids for players and attempts, and random level seeds. */
import { randomBytes } from "node:crypto";

/** 128 random bits, URL-safe: 22 characters, which fits the protocol's attempt id pattern. */
export function newId(): string {
  return randomBytes(16).toString("base64url");
}

/** A random unsigned 32-bit seed: the level variant a new attempt plays. */
export function newSeed(): number {
  return randomBytes(4).readUInt32BE(0);
}
