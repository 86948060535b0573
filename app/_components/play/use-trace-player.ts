/**
 * The trace player's state for the play screen. The xstate machine is fetched the first time
 * the student plays, steps, seeks or changes speed (app/_lib/held-player.ts shows the idle
 * player until then); while `playing`, a timer sends TICK.
 */
import { useCallback, useEffect, useReducer } from "react";
import { tickMs, type TracePlayerEvent, type TracePlayerView } from "@/game/trace-player-events";
import { heldPlayerStart, heldPlayerView, needsMachine, reduceHeldPlayer, type HeldPlayer, type HeldPlayerAction, type PlayerMachine } from "@/app/_lib/held-player";
import { lazyModule } from "@/app/_lib/lazy-module";

const machineLib = lazyModule(() => import("@/game/trace-player"));

type Snap = ReturnType<typeof import("@/game/trace-player").startPlayer>;
type Held = HeldPlayer<Snap>;
const reducePlayer = (held: Held, action: HeldPlayerAction<Snap>): Held => reduceHeldPlayer(held, action);

export function useTracePlayer(): { send: (event: TracePlayerEvent) => void; player: TracePlayerView } {
  const [held, dispatch] = useReducer(reducePlayer, undefined, (): Held => heldPlayerStart<Snap>(machineLib.loaded));
  const send = useCallback((event: TracePlayerEvent) => {
    dispatch({ type: "event", event });
    // The held events are replayed into the machine when it arrives (a second dispatch is ignored).
    if (needsMachine(event)) void machineLib.load().then((machine: PlayerMachine<Snap>) => dispatch({ type: "machine", machine }), () => undefined);
  }, []);
  const player = heldPlayerView(held);
  const { state, speed } = player;
  useEffect(() => {
    if (state !== "playing") return;
    const id = setInterval(() => send({ type: "TICK" }), tickMs(speed));
    return () => clearInterval(id);
  }, [state, speed, send]);
  return { send, player };
}
