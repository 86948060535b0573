import { describe, expect, it } from "vitest";
import * as machine from "../../game/trace-player";
import type { TracePlayerEvent } from "../../game/trace-player-events";
import { heldPlayerStart, heldPlayerView, needsMachine, reduceHeldPlayer, type HeldPlayer } from "../../app/_lib/held-player";

type Snap = machine.TracePlayerSnapshot;

/** The machine stepped directly: what the held player must end up showing. */
function direct(events: readonly TracePlayerEvent[]) {
  return machine.playerView(events.reduce(machine.stepPlayer, machine.startPlayer()));
}

/** Events sent before the machine arrives, then the machine, then more events. */
function held(before: readonly TracePlayerEvent[], after: readonly TracePlayerEvent[] = []) {
  let h: HeldPlayer<Snap> = heldPlayerStart<Snap>();
  for (const event of before) h = reduceHeldPlayer(h, { type: "event", event });
  const waiting = heldPlayerView(h);
  h = reduceHeldPlayer(h, { type: "machine", machine });
  for (const event of after) h = reduceHeldPlayer(h, { type: "event", event });
  return { waiting, held: h, view: heldPlayerView(h) };
}

describe("the trace player before its machine loads", () => {
  it("shows the machine's own start: idle, no step, speed 1", () => {
    expect(heldPlayerView(heldPlayerStart<Snap>())).toEqual(direct([]));
    expect(heldPlayerView(heldPlayerStart<Snap>(machine))).toEqual(direct([]));
  });

  it("holds LOADs and replays them: the result equals stepping the machine directly", () => {
    const events: TracePlayerEvent[] = [{ type: "LOAD", total: 3 }, { type: "LOAD", total: 7 }, { type: "PLAY" }, { type: "TICK" }];
    const r = held(events.slice(0, 3), events.slice(3));
    expect(r.view).toEqual(direct(events));
    expect(r.view).toMatchObject({ state: "playing", index: 1 });
  });

  it("a LOAD drops what came before it except speed changes, so many changes keep the queue short", () => {
    let h: HeldPlayer<Snap> = heldPlayerStart<Snap>();
    for (let i = 0; i < 50; i++) h = reduceHeldPlayer(h, { type: "event", event: { type: "LOAD", total: i } });
    h = reduceHeldPlayer(h, { type: "event", event: { type: "SPEED", speed: 2 } });
    h = reduceHeldPlayer(h, { type: "event", event: { type: "LOAD", total: 4 } });
    expect(h).toEqual({ kind: "waiting", events: [{ type: "SPEED", speed: 2 }, { type: "LOAD", total: 4 }] });
    expect(heldPlayerView(h)).toEqual({ state: "idle", index: -1, speed: 2 });
  });

  it("speed, seek and step sent while waiting give what the machine gives", () => {
    const sequences: TracePlayerEvent[][] = [
      [{ type: "LOAD", total: 5 }, { type: "SPEED", speed: 4 }, { type: "SEEK", index: 2 }],
      [{ type: "LOAD", total: 5 }, { type: "STEP" }, { type: "STEP" }, { type: "LOAD", total: 2 }],
      [{ type: "SPEED", speed: 0.5 }, { type: "LOAD", total: 1 }, { type: "PLAY" }],
      [{ type: "LOAD", total: 0 }, { type: "PLAY" }],
    ];
    for (const events of sequences) expect(held(events).view, JSON.stringify(events)).toEqual(direct(events));
  });

  it("a speed the player does not offer is ignored while waiting, as the machine ignores it", () => {
    const events = [{ type: "SPEED", speed: 3 } as unknown as TracePlayerEvent];
    expect(held(events).waiting).toEqual(direct(events));
  });

  it("a second machine arriving changes nothing", () => {
    const r = held([{ type: "LOAD", total: 3 }, { type: "PLAY" }]);
    expect(reduceHeldPlayer(r.held, { type: "machine", machine })).toBe(r.held);
  });

  it("only play, pause, step, seek and speed fetch the machine", () => {
    expect(needsMachine({ type: "LOAD", total: 1 })).toBe(false);
    expect(needsMachine({ type: "TICK" })).toBe(false);
    for (const e of [{ type: "PLAY" }, { type: "PAUSE" }, { type: "STEP" }, { type: "SEEK", index: 0 }, { type: "SPEED", speed: 2 }] as TracePlayerEvent[]) expect(needsMachine(e)).toBe(true);
  });
});
