/** Reads and writes of classes, their students and messages. Synchronous, like better-sqlite3. */
import { and, asc, desc, eq, isNull, ne, or, sql } from "drizzle-orm";
import type { Orm } from "../db/open";
import { classes, classMessages, classStudents, players } from "../db/schema";

export type ClassRow = typeof classes.$inferSelect;
export type StudentRow = typeof classStudents.$inferSelect;
export type MessageRow = typeof classMessages.$inferSelect;

export class ClassStore {
  constructor(readonly orm: Orm) {}

  transaction<T>(write: () => T): T {
    return this.orm.transaction(() => write(), { behavior: "immediate" });
  }

  /** False when the code is taken by a class that has not ended. */
  insertClass(row: ClassRow): boolean {
    return this.orm.insert(classes).values(row).onConflictDoNothing().run().changes === 1;
  }

  classById(id: string): ClassRow | undefined {
    return this.orm.select().from(classes).where(eq(classes.id, id)).get();
  }

  /** The class holding this code that has not ended (codes of ended classes may be reused). */
  openClassByCode(code: string): ClassRow | undefined {
    return this.orm.select().from(classes).where(and(eq(classes.code, code), ne(classes.status, "ended"))).get();
  }

  classesOf(instructorId: string): ClassRow[] {
    return this.orm.select().from(classes).where(eq(classes.instructorId, instructorId)).orderBy(desc(classes.createdAt)).all();
  }

  /** Classes whose machine may still move: the server restores their actors on demand. */
  saveMachine(classId: string, status: ClassRow["status"], machine: string): void {
    this.orm.update(classes).set({ status, machine }).where(eq(classes.id, classId)).run();
  }

  insertStudent(row: StudentRow, now: string): void {
    this.transaction(() => {
      this.orm.insert(players).values({ id: row.playerId, nickname: row.nickname, createdAt: now }).onConflictDoNothing().run();
      this.orm.insert(classStudents).values(row).run();
    });
  }

  student(id: string): StudentRow | undefined {
    return this.orm.select().from(classStudents).where(eq(classStudents.id, id)).get();
  }

  studentByToken(tokenHash: string): StudentRow | undefined {
    return this.orm.select().from(classStudents).where(eq(classStudents.tokenHash, tokenHash)).get();
  }

  studentByPlayer(playerId: string): StudentRow | undefined {
    return this.orm.select().from(classStudents).where(eq(classStudents.playerId, playerId)).get();
  }

  studentByNickname(classId: string, nicknameKey: string): StudentRow | undefined {
    return this.orm.select().from(classStudents).where(and(eq(classStudents.classId, classId), eq(classStudents.nicknameKey, nicknameKey))).get();
  }

  /** Students who are still in the class, in the order they joined. */
  activeStudents(classId: string): StudentRow[] {
    return this.orm.select().from(classStudents).where(and(eq(classStudents.classId, classId), isNull(classStudents.removedAt))).orderBy(asc(classStudents.joinedAt), asc(classStudents.id)).all();
  }

  allStudents(classId: string): StudentRow[] {
    return this.orm.select().from(classStudents).where(eq(classStudents.classId, classId)).orderBy(asc(classStudents.joinedAt), asc(classStudents.id)).all();
  }

  studentCount(classId: string): number {
    return this.orm.select({ n: sql<number>`count(*)` }).from(classStudents).where(eq(classStudents.classId, classId)).get()?.n ?? 0;
  }

  rotateToken(studentId: string, tokenHash: string): void {
    this.orm.update(classStudents).set({ tokenHash }).where(eq(classStudents.id, studentId)).run();
  }

  markRemoved(studentId: string, at: string): void {
    this.orm.update(classStudents).set({ removedAt: at }).where(eq(classStudents.id, studentId)).run();
  }

  insertMessage(row: Omit<MessageRow, "id">): MessageRow {
    return this.orm.insert(classMessages).values(row).returning().get();
  }

  /** Messages to everyone and to this student, oldest first. */
  messagesFor(classId: string, studentId: string): MessageRow[] {
    return this.orm
      .select()
      .from(classMessages)
      .where(and(eq(classMessages.classId, classId), or(isNull(classMessages.studentId), eq(classMessages.studentId, studentId))))
      .orderBy(asc(classMessages.id))
      .all();
  }
}
