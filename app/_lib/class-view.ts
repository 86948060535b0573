/**
 * What a student's class pages show, as a pure reducer: the first render's StudentClassView,
 * then the socket's pushes (class.state, paused, class.message, class.removed), a fresh view
 * after each class.join, and the connection's ups and downs. No socket here (STYLE 6): the
 * class link (app/_components/class/class-link.ts) feeds it.
 */
import type { ClassMessageView, ClassStateView, ServerPush, StudentClassView } from "@/game/class-protocol";

export interface ClassView {
  readonly joined: StudentClassView;
  /** The instructor removed this student: the pages say so and stop. */
  readonly removed: boolean;
  readonly connected: boolean;
  /** Why the server refused the socket (connect_error), while it does. */
  readonly refusal?: string;
}

export type ClassViewEvent =
  | { readonly type: "push"; readonly push: ServerPush }
  /** The reply to class.join: the whole view again (after a reconnection, a server restart). */
  | { readonly type: "joined"; readonly joined: StudentClassView }
  | { readonly type: "connection"; readonly connected: boolean; readonly refusal?: string };

export const REMOVED_TEXT = "the instructor removed you from this class";

export function initialClassView(joined: StudentClassView): ClassView {
  return { joined, removed: false, connected: false };
}

function withClass(view: ClassView, klass: ClassStateView): ClassView {
  return { ...view, joined: { ...view.joined, class: klass } };
}

function withMessage(view: ClassView, message: ClassMessageView): ClassView {
  const { joined } = view;
  if (message.classId !== joined.class.id) return view;
  if (message.to === "student" && message.studentId !== joined.student.id) return view;
  if (joined.messages.some((m) => m.id === message.id)) return view;
  const messages = [...joined.messages, message].sort((a, b) => a.id - b.id);
  return { ...view, joined: { ...joined, messages } };
}

function applyPush(view: ClassView, push: ServerPush): ClassView {
  const klass = view.joined.class;
  switch (push.type) {
    case "class.state":
      return push.state.id === klass.id ? withClass(view, push.state) : view;
    case "paused": {
      // Only a running class pauses, only a paused one resumes; class.state follows with the rest.
      if (push.classId !== klass.id || klass.status === "lobby" || klass.status === "ended") return view;
      const status = push.paused ? "paused" : "running";
      return status === klass.status ? view : withClass(view, { ...klass, status });
    }
    case "class.message":
      return withMessage(view, push.message);
    case "class.removed":
      return push.classId === klass.id ? { ...view, removed: true, connected: false } : view;
    case "dashboard.batch":
    case "drill.update":
      return view; // the instructor's; never sent to a student
    default: {
      const never: never = push;
      return never;
    }
  }
}

export function classViewReducer(view: ClassView, event: ClassViewEvent): ClassView {
  switch (event.type) {
    case "push":
      return applyPush(view, event.push);
    case "joined":
      return event.joined.class.id === view.joined.class.id ? { ...view, joined: event.joined, refusal: undefined } : view;
    case "connection": {
      const removed = view.removed || event.refusal === REMOVED_TEXT;
      return { ...view, removed, connected: event.connected, refusal: event.refusal };
    }
    default: {
      const never: never = event;
      return never;
    }
  }
}

/** The instructor's messages, newest first. */
export function newestFirst(messages: readonly ClassMessageView[]): ClassMessageView[] {
  return [...messages].sort((a, b) => b.id - a.id);
}

/** Whether a student may open a level of the class now, and if not, why not (words for the page). */
export type LevelAccess = { readonly kind: "playable" } | { readonly kind: "locked" | "lobby" | "not-in-class"; readonly why: string };

export function levelAccess(klass: ClassStateView, levelId: string): LevelAccess {
  const index = klass.levelIds.indexOf(levelId);
  if (index < 0) return { kind: "not-in-class", why: `"${levelId}" is not one of this class's levels.` };
  if (klass.status === "lobby") return { kind: "lobby", why: "The class has not started yet: wait for your instructor to start it." };
  if (index >= klass.unlocked) return { kind: "locked", why: "This level is still locked: your instructor opens the levels one at a time." };
  return { kind: "playable" };
}

export const STATUS_TEXT: Readonly<Record<ClassStateView["status"], string>> = {
  lobby: "Waiting for your instructor to start",
  running: "Running",
  paused: "Paused by your instructor",
  ended: "Ended",
};
