/** Rows as the protocol's views: what students and instructors receive. */
import type { ClassSnapshot } from "../../game/class-machine";
import { classStatus } from "../../game/class-machine";
import type { ClassMessageView, ClassStateView } from "../../game/class-protocol";
import type { ClassRow, MessageRow } from "./class-store";
import { readSnapshot } from "./class-snapshot";

export function classStateView(row: ClassRow, snapshot: ClassSnapshot = readSnapshot(row.machine, row.id)): ClassStateView {
  const { context } = snapshot;
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    status: classStatus(snapshot),
    pacing: row.pacing,
    levelIds: row.levelIds,
    unlocked: context.unlocked,
    variants: row.variants,
    stuckMinutes: row.stuckMinutes,
    ...(context.startedAt ? { startedAt: context.startedAt } : {}),
    ...(context.endedAt ? { endedAt: context.endedAt } : {}),
  };
}

export function messageView(row: MessageRow): ClassMessageView {
  return {
    id: row.id,
    classId: row.classId,
    text: row.text,
    to: row.studentId === null ? "all" : "student",
    ...(row.studentId !== null ? { studentId: row.studentId } : {}),
    at: row.createdAt,
  };
}
