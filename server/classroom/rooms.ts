/** socket.io rooms of the classroom, and pushes into them. */
import type { Server } from "socket.io";
import { PUSH_EVENT, type ServerPush } from "../../game/class-protocol";

/** Every student socket of a class. */
export const classRoom = (classId: string) => `class:${classId}`;
/** One student's sockets (all their tabs and devices). */
export const studentRoom = (studentId: string) => `student:${studentId}`;
/** The owner's dashboard sockets (class.watch). */
export const dashboardRoom = (classId: string) => `dash:${classId}`;
/** Instructor sockets watching one student (class.drill). */
export const drillRoom = (studentId: string) => `drill:${studentId}`;
/** The sockets of one signed-in session, ended together on sign-out. */
export const sessionRoom = (sessionHash: string) => `session:${sessionHash}`;

export function push(io: Server, room: string | readonly string[], payload: ServerPush): void {
  io.to(room as string | string[]).emit(PUSH_EVENT, payload);
}

export function roomSize(io: Server, room: string): number {
  return io.sockets.adapter.rooms.get(room)?.size ?? 0;
}
