/**
 * A student's socket to their class: `io({ auth: { classCode } })` with the pp_student cookie
 * (server/classroom/README.md). On every connect, a new socket after a server restart included,
 * it sends `class.join` and takes the reply as the whole view again; pushes (`pp.push`) go
 * through the class view reducer. The same socket carries the class level's `attempt.*`
 * messages: `connect` returns the play session's transport. Loaded only by the /class pages.
 */
import type { Socket } from "socket.io-client";
import type { PUSH_EVENT as PushEventName, ServerPush, StudentClassView } from "@/game/class-protocol";
import type { EVENT as EventName, ClientMessage, ServerReply } from "@/game/protocol";
import type { Transport } from "@/app/_lib/play-session";
import { classViewReducer, initialClassView, type ClassView, type ClassViewEvent } from "@/app/_lib/class-view";
import { io } from "@/app/_components/play/play-client";
import { retryPassingRefusals } from "@/app/_lib/retry-refusal";

const PUSH_EVENT: typeof PushEventName = "pp.push";
const EVENT: typeof EventName = "pp";
const ACK_TIMEOUT_MS = 20_000;
const SERVER_CLOSED = "The server closed this connection: this class may have been opened with your nickname on another device. Reload the page to join again.";

/**
 * One request with its ack, as socket-transport.ts sends them. Neither it nor socket.io-client is
 * imported directly: a module with an importer outside the play screen is not merged into the
 * play page's script, which cost /play 0.2 KB gzipped. `io` comes through play-client.tsx.
 */
function send(socket: Socket, message: ClientMessage): Promise<ServerReply> {
  return new Promise((resolve) => {
    socket.timeout(ACK_TIMEOUT_MS).emit(EVENT, message, (err: Error | null, reply: ServerReply) => {
      resolve(err ? { ok: false, error: `the server did not answer within ${ACK_TIMEOUT_MS / 1000} s` } : reply);
    });
  });
}

export interface ClassConnection {
  readonly transport: Transport;
  readonly close: () => void;
}

export class ClassLink {
  private view: ClassView;
  private readonly listeners = new Set<() => void>();
  private readonly connectionListeners = new Set<(connected: boolean) => void>();
  private socket: Socket | undefined;
  private stopRetries: (() => void) | undefined;
  private users = 0;

  constructor(joined: StudentClassView) {
    this.view = initialClassView(joined);
  }

  snapshot = (): ClassView => this.view;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  private dispatch(event: ClassViewEvent): void {
    const next = classViewReducer(this.view, event);
    if (next === this.view) return;
    this.view = next;
    for (const fn of this.listeners) fn();
  }

  private connected(connected: boolean, refusal?: string): void {
    this.dispatch({ type: "connection", connected, ...(refusal ? { refusal } : {}) });
    for (const fn of this.connectionListeners) fn(connected);
  }

  private open(): Socket {
    const code = this.view.joined.class.code;
    const socket = io({ auth: { classCode: code }, reconnection: true, transports: ["websocket", "polling"], tryAllTransports: true });
    socket.on("connect", () => {
      this.connected(true);
      // Also after a server restart (a new socket): refresh the whole view.
      void send(socket, { v: 1, type: "class.join", code }).then((reply) => {
        if (reply.ok && reply.type === "class.joined") this.dispatch({ type: "joined", joined: reply.joined });
        else if (!reply.ok) this.connected(socket.connected, reply.error);
      });
    });
    // The server ends a socket itself when the nickname was taken over on another device:
    // socket.io does not reconnect then, so say so instead of "Connecting…".
    socket.on("disconnect", (reason: string) => this.connected(false, reason === "io server disconnect" ? SERVER_CLOSED : undefined));
    socket.on("connect_error", (error: Error) => this.connected(false, error.message));
    this.stopRetries = retryPassingRefusals(socket);
    socket.on(PUSH_EVENT, (push: ServerPush) => {
      this.dispatch({ type: "push", push });
      if (this.view.removed) socket.close();
    });
    return socket;
  }

  /** Opens the socket (shared by every caller until the last one closes it) and gives a transport over it. */
  connect(onConnected?: (connected: boolean) => void): ClassConnection {
    const socket = (this.socket ??= this.open());
    this.users += 1;
    if (onConnected) {
      this.connectionListeners.add(onConnected);
      onConnected(socket.connected);
    }
    let closed = false;
    return {
      transport: (message) => send(socket, message),
      close: () => {
        if (closed) return;
        closed = true;
        if (onConnected) this.connectionListeners.delete(onConnected);
        this.users -= 1;
        if (this.users === 0) {
          this.stopRetries?.();
          socket.close();
          this.socket = undefined;
        }
      },
    };
  }
}
