/**
 * A class session's lifecycle: lobby -> running <-> paused -> ended, as an xstate v5 machine.
 * The server runs one actor per open class and stores `getPersistedSnapshot()` after every
 * transition, so a restarted server resumes each class where it was
 * (`createActor(classMachine, { snapshot })`). Pure: every time comes in with its event.
 */
import { assign, setup, type SnapshotFrom } from "xstate";

export type ClassStatus = "lobby" | "running" | "paused" | "ended";
export type Pacing = "free" | "unlocked";

export interface ClassMachineInput {
  readonly levelCount: number;
  readonly pacing: Pacing;
}

export interface ClassMachineContext {
  readonly levelCount: number;
  readonly pacing: Pacing;
  /** How many of the class's levels (in order) students may open: all of them with free pacing. */
  readonly unlocked: number;
  readonly startedAt?: string;
  readonly endedAt?: string;
  /** While paused: since when. */
  readonly pausedAt?: string;
  /** Paused time before the current pause, in milliseconds. */
  readonly pausedMs: number;
}

export type ClassEvent =
  | { readonly type: "START"; readonly at: string }
  | { readonly type: "PAUSE"; readonly at: string }
  | { readonly type: "RESUME"; readonly at: string }
  | { readonly type: "END"; readonly at: string }
  /** Opens the next level (pacing "unlocked" only). */
  | { readonly type: "UNLOCK" };

const pausedFor = (context: ClassMachineContext, at: string): number =>
  context.pausedAt ? Math.max(0, Date.parse(at) - Date.parse(context.pausedAt)) : 0;

export const classMachine = setup({
  types: { context: {} as ClassMachineContext, events: {} as ClassEvent, input: {} as ClassMachineInput },
  guards: {
    canUnlock: ({ context }) => context.pacing === "unlocked" && context.unlocked < context.levelCount,
  },
  actions: {
    unlockNext: assign({ unlocked: ({ context }) => context.unlocked + 1 }),
    markStarted: assign({ startedAt: ({ event }) => ("at" in event ? event.at : undefined) }),
    markPaused: assign({ pausedAt: ({ event }) => ("at" in event ? event.at : undefined) }),
    markResumed: assign({
      pausedMs: ({ context, event }) => context.pausedMs + ("at" in event ? pausedFor(context, event.at) : 0),
      pausedAt: () => undefined,
    }),
    markEnded: assign({
      endedAt: ({ event }) => ("at" in event ? event.at : undefined),
      pausedMs: ({ context, event }) => context.pausedMs + ("at" in event ? pausedFor(context, event.at) : 0),
      pausedAt: () => undefined,
    }),
  },
}).createMachine({
  id: "class",
  context: ({ input }) => ({
    levelCount: input.levelCount,
    pacing: input.pacing,
    unlocked: input.pacing === "free" ? input.levelCount : Math.min(1, input.levelCount),
    pausedMs: 0,
  }),
  initial: "lobby",
  on: {
    UNLOCK: { guard: "canUnlock", actions: "unlockNext" },
  },
  states: {
    lobby: { on: { START: { target: "running", actions: "markStarted" }, END: { target: "ended", actions: "markEnded" } } },
    running: { on: { PAUSE: { target: "paused", actions: "markPaused" }, END: { target: "ended", actions: "markEnded" } } },
    paused: { on: { RESUME: { target: "running", actions: "markResumed" }, END: { target: "ended", actions: "markEnded" } } },
    ended: { type: "final" },
  },
});

export type ClassSnapshot = SnapshotFrom<typeof classMachine>;

export function classStatus(snapshot: ClassSnapshot): ClassStatus {
  return snapshot.value as ClassStatus;
}

/** Why an event cannot happen now, in words for the instructor; undefined when it can. */
export function refusal(snapshot: ClassSnapshot, event: ClassEvent): string | undefined {
  const status = classStatus(snapshot);
  if (status === "ended") return "the class has ended; nothing about it can change any more";
  if (event.type === "UNLOCK") {
    if (snapshot.context.pacing === "free") return "this class's pacing is free: every level is already open";
    if (snapshot.context.unlocked >= snapshot.context.levelCount) return `every level is already unlocked (${snapshot.context.levelCount} of ${snapshot.context.levelCount})`;
    return undefined;
  }
  if (snapshot.can(event)) return undefined;
  const verb = { START: "started", PAUSE: "paused", RESUME: "resumed", END: "ended" }[event.type];
  const where = { lobby: "still in the lobby", running: "running", paused: "paused" }[status];
  return `the class is ${where}; it cannot be ${verb} now`;
}
