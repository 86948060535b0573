/**
 * The trace player: which step of a packet trace the play screen shows, and whether it is
 * moving. A machine over an index into the trace (-1: no step picked yet):
 *
 *   idle --PLAY--> playing --TICK...--> done (the last step is shown)
 *                  playing --PAUSE--> paused --PLAY--> playing
 *   STEP shows the next step and pauses; SEEK jumps to a step; LOAD starts over with a new trace.
 *
 * The clock is not inside: while `playing`, the screen sends TICK every `tickMs(speed)`
 * milliseconds, so tests drive it with plain events (STYLE 7).
 */
import { assign, initialTransition, setup, transition } from "xstate";
import { SPEEDS, type Speed, type TracePlayerContext, type TracePlayerEvent, type TracePlayerState, type TracePlayerView } from "./trace-player-events";

export { BASE_TICK_MS, SPEEDS, tickMs, type Speed, type TracePlayerContext, type TracePlayerEvent, type TracePlayerState, type TracePlayerView } from "./trace-player-events";

const clampIndex = (total: number, index: number) => Math.max(0, Math.min(total - 1, Math.floor(index)));

export const tracePlayerMachine = setup({
  types: {
    context: {} as TracePlayerContext,
    events: {} as TracePlayerEvent,
    input: {} as { total?: number; speed?: Speed } | undefined,
  },
  guards: {
    hasSteps: ({ context }) => context.total > 0,
    atEnd: ({ context }) => context.total > 0 && context.index >= context.total - 1,
    seekable: ({ context, event }) => event.type === "SEEK" && context.total > 0 && Number.isFinite(event.index),
    seekToEnd: ({ context, event }) => event.type === "SEEK" && context.total > 0 && clampIndex(context.total, event.index) === context.total - 1,
  },
  actions: {
    load: assign(({ event }) => (event.type === "LOAD" ? { total: Math.max(0, Math.floor(event.total)), index: -1 } : {})),
    advance: assign({ index: ({ context }) => Math.min(context.total - 1, context.index + 1) }),
    rewind: assign({ index: 0 }),
    startIfFresh: assign({ index: ({ context }) => (context.index < 0 ? 0 : context.index) }),
    seek: assign({ index: ({ context, event }) => (event.type === "SEEK" ? clampIndex(context.total, event.index) : context.index) }),
    setSpeed: assign({ speed: ({ context, event }) => (event.type === "SPEED" && SPEEDS.includes(event.speed) ? event.speed : context.speed) }),
  },
}).createMachine({
  id: "tracePlayer",
  context: ({ input }) => ({ total: Math.max(0, input?.total ?? 0), index: -1, speed: input?.speed ?? 1 }),
  initial: "idle",
  on: {
    LOAD: { target: ".idle", actions: "load" },
    SPEED: { actions: "setSpeed" },
    SEEK: [
      { guard: "seekToEnd", target: ".done", actions: "seek" },
      { guard: "seekable", target: ".paused", actions: "seek" },
    ],
  },
  states: {
    idle: {
      on: {
        PLAY: { guard: "hasSteps", target: "playing", actions: "startIfFresh" },
        STEP: { guard: "hasSteps", target: "paused", actions: "startIfFresh" },
      },
    },
    playing: {
      always: { guard: "atEnd", target: "done" },
      on: {
        TICK: { actions: "advance" },
        PAUSE: { target: "paused" },
        STEP: { target: "paused", actions: "advance" },
      },
    },
    paused: {
      always: { guard: "atEnd", target: "done" },
      on: {
        PLAY: { target: "playing" },
        STEP: { actions: "advance" },
      },
    },
    done: {
      on: {
        PLAY: { guard: "hasSteps", target: "playing", actions: "rewind" },
      },
    },
  },
});

export type TracePlayerSnapshot = ReturnType<typeof initialTransition<typeof tracePlayerMachine>>[0];

/**
 * The machine stepped with xstate's pure `transition`: the screen keeps the snapshot in a
 * reducer, so the page needs no interpreter (actor system).
 */
export function startPlayer(): TracePlayerSnapshot {
  return initialTransition(tracePlayerMachine, {})[0];
}

export function stepPlayer(snap: TracePlayerSnapshot, event: TracePlayerEvent): TracePlayerSnapshot {
  return transition(tracePlayerMachine, snap, event)[0];
}

export function playerView(snap: TracePlayerSnapshot): TracePlayerView {
  return { state: snap.value as TracePlayerState, index: snap.context.index, speed: snap.context.speed };
}
