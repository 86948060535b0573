/**
 * Class students' sockets: binding one to a student (rooms, presence), and letting go of it
 * when it disconnects or the student is removed. A recovered socket (connection state
 * recovery) comes back bound and is counted present again.
 */
import type { Server, Socket } from "socket.io";
import type { DashboardLive } from "./dashboard-live";
import type { Presence } from "./presence";
import { classRoom, studentRoom } from "./rooms";
import { socketData, type BoundStudent } from "./socket-data";

export class StudentSockets {
  /** Students removed while this process runs: a socket restored from before the removal is turned away too. */
  readonly removed = new Set<string>();

  constructor(
    private readonly io: Server,
    private readonly presence: Presence,
    private readonly dashboards: DashboardLive,
  ) {}

  bind(socket: Socket, student: BoundStudent): void {
    const data = socketData(socket);
    if (data.student?.id === student.id) return;
    if (data.student) this.unbind(socket);
    data.student = student;
    delete data.removedFrom;
    this.connected(socket);
  }

  /** On connection: a socket bound at the handshake (or restored bound) joins its rooms and counts as present. */
  connected(socket: Socket): void {
    const student = socketData(socket).student;
    if (!student) return;
    if (this.removed.has(student.id)) {
      this.unbind(socket, student.classId);
      return;
    }
    socket.join([classRoom(student.classId), studentRoom(student.id)]);
    if (this.presence.connect(student.id, socket.id)) this.dashboards.studentChanged(student.classId, student.id);
  }

  disconnected(socket: Socket): void {
    const student = socketData(socket).student;
    if (student && this.presence.disconnect(student.id, socket.id)) this.dashboards.studentChanged(student.classId, student.id);
  }

  /** The student leaves the class on every socket (removed by the instructor). */
  removeStudent(studentId: string, classId: string): void {
    this.removed.add(studentId);
    for (const socket of this.socketsOf(studentId)) this.unbind(socket, classId);
    this.dashboards.studentChanged(classId, studentId);
  }

  private unbind(socket: Socket, removedFrom?: string): void {
    const data = socketData(socket);
    const student = data.student;
    if (!student) return;
    socket.leave(classRoom(student.classId));
    socket.leave(studentRoom(student.id));
    this.presence.disconnect(student.id, socket.id);
    delete data.student;
    if (removedFrom) data.removedFrom = removedFrom;
  }

  private socketsOf(studentId: string): Socket[] {
    const ids = this.io.sockets.adapter.rooms.get(studentRoom(studentId));
    return [...(ids ?? [])].map((id) => this.io.sockets.sockets.get(id)).filter((s): s is Socket => s !== undefined);
  }
}
