/** Reads and writes of instructors and their sessions. */
import { and, eq, gt, lte } from "drizzle-orm";
import type { Orm } from "../db/open";
import { instructorSessions, instructors } from "../db/schema";

export type InstructorRow = typeof instructors.$inferSelect;

export interface InstructorView {
  readonly id: string;
  readonly email: string;
  readonly name: string;
}

export function instructorView(row: InstructorRow): InstructorView {
  return { id: row.id, email: row.email, name: row.name };
}

export class InstructorStore {
  constructor(private readonly orm: Orm) {}

  byEmail(email: string): InstructorRow | undefined {
    return this.orm.select().from(instructors).where(eq(instructors.email, email)).get();
  }

  /** False when the email is taken (the unique index decides, so two sign-ups cannot race). */
  insert(row: InstructorRow): boolean {
    return this.orm.insert(instructors).values(row).onConflictDoNothing().run().changes === 1;
  }

  insertSession(tokenHash: string, instructorId: string, createdAt: string, expiresAt: string): void {
    this.orm.insert(instructorSessions).values({ tokenHash, instructorId, createdAt, expiresAt }).run();
  }

  /** The instructor of a session that has not expired. */
  bySession(tokenHash: string, now: string): InstructorRow | undefined {
    return this.orm
      .select({ instructor: instructors })
      .from(instructorSessions)
      .innerJoin(instructors, eq(instructors.id, instructorSessions.instructorId))
      .where(and(eq(instructorSessions.tokenHash, tokenHash), gt(instructorSessions.expiresAt, now)))
      .get()?.instructor;
  }

  deleteSession(tokenHash: string): void {
    this.orm.delete(instructorSessions).where(eq(instructorSessions.tokenHash, tokenHash)).run();
  }

  deleteExpiredSessions(now: string): void {
    this.orm.delete(instructorSessions).where(lte(instructorSessions.expiresAt, now)).run();
  }
}
