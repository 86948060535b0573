/** The dashboard's cell query: a live update's listed cells read exactly as the whole class's first view has them. */
import { afterEach, describe, expect, it } from "vitest";
import { ClassStore } from "../../server/classroom/class-store";
import { classCellRows, classCellRowsOf } from "../../server/classroom/dashboard-query";
import { studentPlayerId } from "../../server/classroom/student-player";
import { openDatabase } from "../../server/db/open";
import { instructors } from "../../server/db/schema";
import { createPlayService } from "../../server/play/play-service";
import { tempDbFile } from "./harness";

const LEVELS = ["pod-eth0-bringup", "svc-reach-service-b"];
const open: (() => void)[] = [];
afterEach(() => {
  for (const close of open.splice(0).reverse()) close();
});

function classWithStudents(n: number) {
  const temp = tempDbFile();
  const db = openDatabase(temp.file);
  open.push(temp.cleanup, () => db.close());
  const store = new ClassStore(db.orm);
  const play = createPlayService({ orm: db.orm });
  const now = new Date().toISOString();
  db.orm.insert(instructors).values({ id: "teacher", email: "t@example.test", name: "t", passwordHash: "-", createdAt: now }).run();
  store.insertClass({ id: "class-1", instructorId: "teacher", title: "t", code: "ABC234", levelIds: LEVELS, pacing: "free", variants: false, seed: 7, stuckMinutes: 5, status: "running", machine: "{}", createdAt: now });
  const ids = Array.from({ length: n }, (_, i) => `student-${i}`);
  for (const id of ids) store.insertStudent({ id, classId: "class-1", playerId: studentPlayerId(id), nickname: id, nicknameKey: id, tokenHash: id, seed: 1, joinedAt: now, removedAt: null }, now);
  return { db, store, play, ids };
}

describe("the dashboard's cell query", () => {
  it("reads the listed cells as the whole class's query does, leaving out cells never opened and removed students", () => {
    const { db, store, play, ids } = classWithStudents(4);
    for (const [i, id] of ids.entries()) {
      const opened = play.handleMessage(studentPlayerId(id), { v: 1, type: "attempt.open", levelId: LEVELS[i % 2]! });
      if (!opened.ok || opened.type !== "attempt") throw new Error("no attempt");
      for (let seq = 1; seq <= i; seq++) play.handleMessage(studentPlayerId(id), { v: 1, type: "attempt.command", attemptId: opened.attempt.id, seq, host: "node1", line: "ip link" });
      if (i === 3) play.handleMessage(studentPlayerId(id), { v: 1, type: "attempt.reset", attemptId: opened.attempt.id });
    }
    store.markRemoved(ids[2]!, new Date().toISOString());

    const whole = classCellRows(db.orm, "class-1");
    expect(whole.map((r) => r.studentId).sort()).toEqual([ids[0], ids[1], ids[3]]);
    const listed = classCellRowsOf(db.orm, "class-1", [
      ...ids.map((studentId, i) => ({ studentId, levelId: LEVELS[i % 2]! })),
      { studentId: ids[0]!, levelId: LEVELS[1]! },
      { studentId: "nobody", levelId: LEVELS[0]! },
    ]);
    const byKey = (rows: typeof whole) => new Map(rows.map((r) => [`${r.studentId}/${r.levelId}`, r]));
    expect(byKey(listed)).toEqual(byKey(whole));
    expect(classCellRowsOf(db.orm, "class-1", [])).toEqual([]);
    expect(classCellRowsOf(db.orm, "another-class", [{ studentId: ids[0]!, levelId: LEVELS[0]! }])).toEqual([]);
  });
});
