/**
 * Every `pp` message, routed: class.* to the classroom; play messages from a socket bound to a
 * class student through the student gate to play, as that student; anything else to play as
 * the pp_player. Never throws: a refusal or a fault is `{ ok: false, error }` and changes nothing.
 */
import type { Socket } from "socket.io";
import type { ClassRequest } from "../../game/class-protocol";
import { parseClientMessage, type ClientMessage, type ServerReply } from "../../game/protocol";
import type { InstructorStore } from "../auth/instructor-store";
import { replyNote, type AnyReply, type ReplyNote } from "../play/encoded-reply";
import type { PlayService } from "../play/play-service";
import { Lru } from "../play/lru";
import type { ClassActors } from "./class-actors";
import type { ClassControl } from "./class-control";
import type { ClassRow, ClassStore } from "./class-store";
import type { DashboardLive } from "./dashboard-live";
import type { DrillLive } from "./drill-live";
import { buildDrill, type DrillDeps } from "./drill-view";
import { ownedClass } from "./instructor-access";
import { waitText } from "./rate-limit";
import { dashboardRoom, drillRoom } from "./rooms";
import type { ClassroomRuntime } from "./runtime";
import { socketData, type BoundStudent } from "./socket-data";
import { studentRefusal } from "./student-gate";
import { membershipFromCookie } from "./student-membership";
import type { StudentSockets } from "./student-sockets";
import { studentClassView } from "./student-view";
import type { PlayPool } from "./play-pool";

type PlayMessage = Exclude<ClientMessage, ClassRequest>;

export interface ClassRouterDeps {
  readonly play: PlayService;
  readonly store: ClassStore;
  readonly instructors: InstructorStore;
  readonly actors: ClassActors;
  readonly control: ClassControl;
  readonly dashboards: DashboardLive;
  readonly drills: DrillLive;
  readonly drillDeps: DrillDeps;
  readonly students: StudentSockets;
  readonly runtime: ClassroomRuntime;
  /** Class students' play in worker threads; without it, play runs on this thread. */
  readonly pool?: PlayPool;
}

export class ClassRouter {
  /** attempt id -> level id, to know which dashboard cell a command touched. */
  private readonly attemptLevels = new Lru<string, string>(20_000);
  /** Class rows by id, for the gate: the fields it reads (levels) never change. */
  private readonly classRows = new Lru<string, ClassRow>(1_000);

  constructor(private readonly deps: ClassRouterDeps) {}

  handle(socket: Socket, playerId: string, raw: unknown): AnyReply | Promise<AnyReply> {
    let type = "this message";
    try {
      const parsed = parseClientMessage(raw);
      if (!parsed.ok) return parsed;
      const message = parsed.message;
      type = message.type;
      if (message.type.startsWith("class.")) return this.classMessage(socket, message as ClassRequest);
      return this.play(socket, playerId, message as PlayMessage);
    } catch (error) {
      console.error(`podpath: ${type} failed`, error);
      return { ok: false, error: `the server could not handle ${type} (an internal error)` };
    }
  }

  private play(socket: Socket, playerId: string, message: PlayMessage): AnyReply | Promise<AnyReply> {
    const data = socketData(socket);
    const student = data.student;
    if (!student) {
      if (data.removedFrom) return { ok: false, error: "the instructor removed you from this class" };
      return this.deps.play.handleMessage(playerId, message);
    }
    if (this.deps.students.removed.has(student.id)) return { ok: false, error: "the instructor removed you from this class" };
    const row = this.classRow(student.classId);
    const snapshot = this.deps.actors.snapshot(student.classId);
    if (!row || !snapshot) return { ok: false, error: "this class no longer exists" };
    const refusal = studentRefusal(student, row, snapshot, message, this.deps.runtime.commandLimiter);
    if (refusal) return { ok: false, error: refusal };
    if (!this.deps.pool) return this.afterPlay(student, message, this.deps.play.handleMessage(student.playerId, message));
    // Inline, not a named closure: the server's TypeScript loader names every named function it
    // creates (a defineProperty each), and this runs for every message.
    return this.deps.pool.handle(student.playerId, message).then((reply) => this.afterPlay(student, message, reply), (error: unknown): AnyReply => {
      console.error(`podpath: ${message.type} failed in a play worker`, error);
      return { ok: false, error: `the server could not handle ${message.type} (an internal error)` };
    });
  }

  private afterPlay(student: BoundStudent, message: PlayMessage, reply: AnyReply): AnyReply {
    const note = replyNote(reply);
    if (note.ok) this.played(student, message, note);
    return reply;
  }

  private classRow(classId: string): ClassRow | undefined {
    const cached = this.classRows.get(classId);
    if (cached) return cached;
    const row = this.deps.store.classById(classId);
    if (row) this.classRows.set(classId, row);
    return row;
  }

  /** Tell the live dashboard and drill-ins which cell changed. The reply stands even if this fails. */
  private played(student: BoundStudent, message: PlayMessage, note: ReplyNote): void {
    try {
      this.notify(student, message, note);
    } catch (error) {
      console.error(`podpath: the dashboard could not be told about ${message.type}`, error);
    }
  }

  private notify(student: BoundStudent, message: PlayMessage, note: ReplyNote): void {
    if (note.attempt) this.attemptLevels.set(note.attempt.id, note.attempt.levelId);
    if (note.cells?.length) {
      // A play worker's reply brings the cells as its writes left them: nothing to read back.
      for (const row of note.cells) {
        this.deps.dashboards.cellRead(student.classId, row);
        this.deps.drills.studentChanged(student.classId, row.studentId, row.levelId);
      }
      return;
    }
    let levelId: string | undefined;
    if (note.attempt) {
      levelId = note.attempt.levelId;
      this.attemptLevels.set(note.attempt.id, levelId);
    } else if ("attemptId" in message) {
      levelId = this.attemptLevels.get(message.attemptId) ?? this.deps.play.store.attempt(message.attemptId)?.levelId;
      if (levelId) this.attemptLevels.set(message.attemptId, levelId);
    }
    if (!levelId) return;
    this.deps.dashboards.cellChanged(student.classId, student.id, levelId);
    this.deps.drills.studentChanged(student.classId, student.id, levelId);
  }

  private classMessage(socket: Socket, message: ClassRequest): ServerReply {
    const limited = this.deps.runtime.classMessageLimiter.take(socket.id);
    if (!limited.ok) return { ok: false, error: `slow down: too many class messages; try again in ${waitText(limited.retryAfterMs)}` };
    if (message.type === "class.join") return this.join(socket, message.code);

    const access = ownedClass(this.deps.instructors, this.deps.store, socket, message.classId, message.type);
    if (!access.ok) return access;
    const { row } = access;
    const { control } = this.deps;
    switch (message.type) {
      case "class.start":
        return control.lifecycle(row, "START");
      case "class.pause":
        return control.lifecycle(row, "PAUSE");
      case "class.resume":
        return control.lifecycle(row, "RESUME");
      case "class.end":
        return control.lifecycle(row, "END");
      case "class.unlock":
        return control.unlock(row);
      case "class.broadcast":
        return control.broadcast(row, message.text, message.studentId);
      case "class.remove":
        return control.remove(row, message.studentId);
      case "class.watch":
        socket.join(dashboardRoom(row.id));
        return { ok: true, type: "dashboard", dashboard: this.deps.dashboards.view(row) };
      case "class.drill": {
        const student = this.deps.store.student(message.studentId);
        if (!student || student.classId !== row.id) return { ok: false, error: `there is no student ${message.studentId} in this class` };
        this.undrill(socket, row.id);
        socket.join(drillRoom(student.id));
        (socketData(socket).drilling ??= {})[row.id] = student.id;
        return { ok: true, type: "drill", drill: buildDrill(this.deps.drillDeps, row.id, student, message.levelId) };
      }
      case "class.undrill":
        this.undrill(socket, row.id);
        return { ok: true, type: "class.undrilled" };
    }
  }

  private undrill(socket: Socket, classId: string): void {
    const drilling = socketData(socket).drilling;
    const previous = drilling?.[classId];
    if (!previous) return;
    socket.leave(drillRoom(previous));
    delete drilling[classId];
  }

  private join(socket: Socket, code: string): ServerReply {
    const membership = membershipFromCookie(this.deps.store, socket.handshake.headers.cookie, code);
    if (!membership.ok) return membership;
    const { student, row } = membership;
    if (this.deps.students.removed.has(student.id)) return { ok: false, error: "the instructor removed you from this class" };
    this.deps.students.bind(socket, { id: student.id, classId: row.id, playerId: student.playerId, nickname: student.nickname });
    return { ok: true, type: "class.joined", joined: studentClassView(this.deps.store.orm, this.deps.store, row, student) };
  }
}
