/**
 * Live drill-ins: when a watched student's attempt changes, their drill view is rebuilt (log,
 * verdict, host state) and pushed to the instructors watching them, coalesced like the
 * dashboard. Students nobody watches cost nothing.
 */
import type { Server } from "socket.io";
import type { ClassStore } from "./class-store";
import { buildDrill, type DrillDeps } from "./drill-view";
import { drillRoom, push, roomSize } from "./rooms";

export interface DrillLiveDeps extends DrillDeps {
  readonly store: ClassStore;
  readonly io: Server;
  readonly flushMs: number;
}

export class DrillLive {
  private readonly dirty = new Map<string, { classId: string; levelId: string }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: DrillLiveDeps) {}

  studentChanged(classId: string, studentId: string, levelId: string): void {
    if (roomSize(this.deps.io, drillRoom(studentId)) === 0) return;
    this.dirty.set(studentId, { classId, levelId });
    this.timer ??= setTimeout(() => this.flush(), this.deps.flushMs);
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.dirty.clear();
  }

  private flush(): void {
    this.timer = undefined;
    const work = [...this.dirty];
    this.dirty.clear();
    for (const [studentId, { classId, levelId }] of work) {
      try {
        const student = this.deps.store.student(studentId);
        if (!student || student.classId !== classId) continue;
        push(this.deps.io, drillRoom(studentId), { v: 1, type: "drill.update", drill: buildDrill(this.deps, classId, student, levelId) });
      } catch (error) {
        console.error(`podpath: the drill-in of student ${studentId} could not be updated`, error);
      }
    }
  }
}
