/**
 * Instructor accounts: sign up, sign in, sign out, and who a session cookie belongs to.
 * Results, not HTTP: server/classroom/http turns them into responses and cookies.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Orm } from "../db/open";
import { SESSION_DAYS } from "./cookies";
import { InstructorStore, instructorView, type InstructorView } from "./instructor-store";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password";
import { hashToken, isToken, newToken } from "./tokens";

export const MIN_PASSWORD_CHARS = 10;
export const MAX_PASSWORD_CHARS = 200;

const email = z
  .string({ error: "must be text" })
  .transform((s) => s.trim().toLowerCase())
  .refine((s) => s.length <= 254 && /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(s), "is not an email address");
const password = z
  .string({ error: "must be text" })
  .min(MIN_PASSWORD_CHARS, `is shorter than ${MIN_PASSWORD_CHARS} characters`)
  .max(MAX_PASSWORD_CHARS, `is longer than ${MAX_PASSWORD_CHARS} characters`);
const name = z
  .string({ error: "must be text" })
  .transform((s) => s.normalize("NFC").trim().replace(/\s+/gu, " "))
  .refine((s) => s.length >= 1 && [...s].length <= 80, "must be 1-80 characters")
  .refine((s) => !/\p{Cc}/u.test(s), "has control characters");

export const signUpSchema = z.strictObject({ email, password, name: name.optional() });
export const signInSchema = z.strictObject({ email, password: z.string({ error: "must be text" }).max(MAX_PASSWORD_CHARS, "is too long") });

export type AuthResult =
  | { ok: true; instructor: InstructorView; token: string }
  | { ok: false; status: 400 | 401 | 409; error: string };

const WRONG = "wrong email or password";

export class InstructorAuth {
  private readonly store: InstructorStore;

  constructor(
    orm: Orm,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.store = new InstructorStore(orm);
  }

  async signUp(input: z.infer<typeof signUpSchema>): Promise<AuthResult> {
    const id = randomBytes(16).toString("base64url");
    const row = { id, email: input.email, name: input.name ?? input.email.split("@")[0]!, passwordHash: await hashPassword(input.password), createdAt: this.now().toISOString() };
    if (!this.store.insert(row)) return { ok: false, status: 409, error: "an account with this email already exists; sign in instead" };
    return { ok: true, instructor: instructorView(row), token: this.startSession(id) };
  }

  async signIn(input: z.infer<typeof signInSchema>): Promise<AuthResult> {
    const row = this.store.byEmail(input.email);
    // An unknown email runs scrypt too, so the answer's timing does not tell which emails exist.
    const matches = await verifyPassword(input.password, row?.passwordHash ?? (await dummyPasswordHash()));
    if (!row || !matches) return { ok: false, status: 401, error: WRONG };
    return { ok: true, instructor: instructorView(row), token: this.startSession(row.id) };
  }

  /** The instructor a session token belongs to, if the session is live. */
  instructorFor(token: string | undefined): InstructorView | undefined {
    if (!isToken(token)) return undefined;
    const row = this.store.bySession(hashToken(token), this.now().toISOString());
    return row && instructorView(row);
  }

  signOut(token: string | undefined): void {
    if (isToken(token)) this.store.deleteSession(hashToken(token));
  }

  private startSession(instructorId: string): string {
    const token = newToken();
    const now = this.now();
    this.store.deleteExpiredSessions(now.toISOString());
    this.store.insertSession(hashToken(token), instructorId, now.toISOString(), new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString());
    return token;
  }
}
