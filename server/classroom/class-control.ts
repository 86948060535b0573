/**
 * What the owning instructor does to a class: start, pause, resume, end, unlock the next
 * level, send a message, remove a student. Each change is stored before it is pushed to the
 * students and the dashboard, and before the reply.
 */
import type { Server } from "socket.io";
import type { ClassEvent } from "../../game/class-machine";
import type { ServerReply } from "../../game/protocol";
import type { ClassActors } from "./class-actors";
import type { ClassRow, ClassStore } from "./class-store";
import { classStateView, messageView } from "./class-views";
import type { DashboardLive } from "./dashboard-live";
import { classRoom, dashboardRoom, push, studentRoom } from "./rooms";
import type { StudentSockets } from "./student-sockets";

export interface ClassControlDeps {
  readonly store: ClassStore;
  readonly actors: ClassActors;
  readonly io: Server;
  readonly dashboards: DashboardLive;
  readonly students: StudentSockets;
  readonly now: () => string;
}

export type Lifecycle = "START" | "PAUSE" | "RESUME" | "END";

export class ClassControl {
  constructor(private readonly deps: ClassControlDeps) {}

  lifecycle(row: ClassRow, type: Lifecycle): ServerReply {
    return this.transition(row, { type, at: this.deps.now() } as ClassEvent);
  }

  unlock(row: ClassRow): ServerReply {
    return this.transition(row, { type: "UNLOCK" });
  }

  broadcast(row: ClassRow, text: string, studentId: string | undefined): ServerReply {
    if (studentId !== undefined) {
      const student = this.deps.store.student(studentId);
      if (!student || student.classId !== row.id || student.removedAt) return { ok: false, error: `there is no student ${studentId} in this class` };
    }
    const message = messageView(this.deps.store.insertMessage({ classId: row.id, studentId: studentId ?? null, text, createdAt: this.deps.now() }));
    push(this.deps.io, [studentId ? studentRoom(studentId) : classRoom(row.id), dashboardRoom(row.id)], { v: 1, type: "class.message", message });
    return { ok: true, type: "class.message", message };
  }

  remove(row: ClassRow, studentId: string): ServerReply {
    const student = this.deps.store.student(studentId);
    if (!student || student.classId !== row.id) return { ok: false, error: `there is no student ${studentId} in this class` };
    if (student.removedAt) return { ok: false, error: `${student.nickname} was already removed` };
    this.deps.store.markRemoved(studentId, this.deps.now());
    push(this.deps.io, studentRoom(studentId), { v: 1, type: "class.removed", classId: row.id });
    this.deps.students.removeStudent(studentId, row.id);
    return { ok: true, type: "class.removed", studentId };
  }

  private transition(row: ClassRow, event: ClassEvent): ServerReply {
    const sent = this.deps.actors.send(row.id, event);
    if (!sent.ok) return sent;
    const state = classStateView(row, sent.snapshot);
    if (sent.changed) {
      const { io } = this.deps;
      push(io, [classRoom(row.id), dashboardRoom(row.id)], { v: 1, type: "class.state", state });
      if (event.type === "PAUSE" || event.type === "RESUME") push(io, classRoom(row.id), { v: 1, type: "paused", classId: row.id, paused: event.type === "PAUSE" });
      this.deps.dashboards.classChanged(row.id);
    }
    return { ok: true, type: "class.state", state };
  }
}
