/** What the classroom remembers on a socket (socket.data, restored with the connection state). */
import type { Socket } from "socket.io";

export interface BoundStudent {
  readonly id: string;
  readonly classId: string;
  readonly playerId: string;
  readonly nickname: string;
}

export interface ClassSocketData {
  /** Set by play's handshake check (the pp_player cookie). */
  playerId: string;
  /** A signed-in instructor (the pp_session cookie at the handshake). */
  instructor?: { readonly id: string; readonly sessionHash: string };
  /** The class student this socket plays as (handshake auth `classCode`, or class.join). */
  student?: BoundStudent;
  /** The class this socket's student was removed from: its play messages are refused. */
  removedFrom?: string;
  /** Per class: the student this socket watches (class.drill). */
  drilling?: Record<string, string>;
}

export function socketData(socket: Socket): ClassSocketData {
  return socket.data as ClassSocketData;
}
