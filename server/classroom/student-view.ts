/** What a student receives on class.join: their class, messages for them and their own progress. */
import type { StudentClassView, StudentLevelProgress } from "../../game/class-protocol";
import type { Orm } from "../db/open";
import { progressIn } from "../play/progress";
import type { ClassRow, ClassStore, StudentRow } from "./class-store";
import { classStateView, messageView } from "./class-views";

export function studentClassView(orm: Orm, store: ClassStore, row: ClassRow, student: StudentRow): StudentClassView {
  const all = progressIn(orm, student.playerId);
  const progress: Record<string, StudentLevelProgress> = {};
  for (const levelId of row.levelIds) {
    const p = all[levelId];
    if (p) progress[levelId] = { status: p.status, stars: p.stars, passed: p.passed, total: p.total };
  }
  return {
    student: { id: student.id, nickname: student.nickname },
    class: classStateView(row),
    messages: store.messagesFor(row.id, student.id).map(messageView),
    progress,
  };
}
