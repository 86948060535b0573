/**
 * What the trace player (game/trace-player.ts) speaks and shows, without xstate: the screen
 * imports these eagerly and fetches the machine itself on first use.
 */
export const SPEEDS = [0.5, 1, 2, 4] as const;
export type Speed = (typeof SPEEDS)[number];

/** Milliseconds between two steps at a speed. */
export const BASE_TICK_MS = 800;
export function tickMs(speed: Speed): number {
  return Math.round(BASE_TICK_MS / speed);
}

export interface TracePlayerContext {
  /** Steps in the loaded trace. */
  readonly total: number;
  /** The step shown, -1 before the first. */
  readonly index: number;
  readonly speed: Speed;
}

export type TracePlayerEvent =
  | { type: "LOAD"; total: number }
  | { type: "PLAY" }
  | { type: "PAUSE" }
  | { type: "STEP" }
  | { type: "TICK" }
  | { type: "SEEK"; index: number }
  | { type: "SPEED"; speed: Speed };

export type TracePlayerState = "idle" | "playing" | "paused" | "done";

/** What the screen shows of the player. */
export interface TracePlayerView {
  readonly state: TracePlayerState;
  readonly index: number;
  readonly speed: Speed;
}
