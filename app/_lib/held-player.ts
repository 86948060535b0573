/**
 * The trace player before its machine (game/trace-player.ts, with xstate) has been fetched.
 * Until the student first plays, steps, seeks or changes speed, the only events are LOADs
 * (a new trace after each change), and the machine would sit in `idle` at step -1: so the
 * screen shows that, holds the events, and hands them to the machine once it arrives.
 */
import { SPEEDS, type TracePlayerEvent, type TracePlayerView } from "@/game/trace-player-events";

/** The machine's pure stepping, as game/trace-player.ts exports it. */
export interface PlayerMachine<S> {
  startPlayer(): S;
  stepPlayer(snap: S, event: TracePlayerEvent): S;
  playerView(snap: S): TracePlayerView;
}

export type HeldPlayer<S> =
  | { readonly kind: "waiting"; readonly events: readonly TracePlayerEvent[] }
  | { readonly kind: "running"; readonly machine: PlayerMachine<S>; readonly snap: S };

export type HeldPlayerAction<S> = { readonly type: "event"; readonly event: TracePlayerEvent } | { readonly type: "machine"; readonly machine: PlayerMachine<S> };

export function heldPlayerStart<S>(machine?: PlayerMachine<S>): HeldPlayer<S> {
  return machine ? { kind: "running", machine, snap: machine.startPlayer() } : { kind: "waiting", events: [] };
}

/** Events that wake the machine: everything but LOAD (and TICK, which only a playing machine gets). */
export function needsMachine(event: TracePlayerEvent): boolean {
  return event.type !== "LOAD" && event.type !== "TICK";
}

export function reduceHeldPlayer<S>(held: HeldPlayer<S>, action: HeldPlayerAction<S>): HeldPlayer<S> {
  if (action.type === "machine") {
    if (held.kind === "running") return held;
    const { machine } = action;
    return { kind: "running", machine, snap: held.events.reduce((s, e) => machine.stepPlayer(s, e), machine.startPlayer()) };
  }
  const { event } = action;
  if (held.kind === "running") return { ...held, snap: held.machine.stepPlayer(held.snap, event) };
  // LOAD sends the machine to idle at step -1 keeping only the speed: what came before it
  // but SPEED changes nothing, so the queue stays short however many traces load.
  const kept = event.type === "LOAD" ? held.events.filter((e) => e.type === "SPEED") : held.events;
  return { kind: "waiting", events: [...kept, event] };
}

export function heldPlayerView<S>(held: HeldPlayer<S>): TracePlayerView {
  if (held.kind === "running") return held.machine.playerView(held.snap);
  let speed: TracePlayerView["speed"] = 1;
  for (const e of held.events) if (e.type === "SPEED" && SPEEDS.includes(e.speed)) speed = e.speed;
  return { state: "idle", index: -1, speed };
}
