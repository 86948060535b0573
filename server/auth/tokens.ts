/** Bearer tokens for cookies: 256 random bits; the database keeps only their SHA-256. */
import { createHash, randomBytes } from "node:crypto";

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function isToken(value: string | undefined): value is string {
  return value !== undefined && TOKEN.test(value);
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
