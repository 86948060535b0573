import { describe, expect, it } from "vitest";
import { createActor, initialTransition, transition } from "xstate";
import { tickMs, tracePlayerMachine, type TracePlayerEvent } from "../../game/trace-player";

function run(events: TracePlayerEvent[], input?: { total?: number }) {
  const actor = createActor(tracePlayerMachine, { input: input ?? {} }).start();
  for (const e of events) actor.send(e);
  const s = actor.getSnapshot();
  actor.stop();
  return { state: s.value, index: s.context.index, speed: s.context.speed, total: s.context.total };
}

describe("trace player", () => {
  it("starts idle with nothing shown", () => {
    const [s] = initialTransition(tracePlayerMachine, { total: 5 });
    expect(s.value).toBe("idle");
    expect(s.context.index).toBe(-1);
  });

  it("PLAY shows the first step, each TICK the next, and stops at the last step in done", () => {
    expect(run([{ type: "LOAD", total: 3 }, { type: "PLAY" }])).toMatchObject({ state: "playing", index: 0 });
    expect(run([{ type: "LOAD", total: 3 }, { type: "PLAY" }, { type: "TICK" }])).toMatchObject({ state: "playing", index: 1 });
    expect(run([{ type: "LOAD", total: 3 }, { type: "PLAY" }, { type: "TICK" }, { type: "TICK" }])).toMatchObject({ state: "done", index: 2 });
    // TICKs after the end change nothing
    expect(run([{ type: "LOAD", total: 3 }, { type: "PLAY" }, { type: "TICK" }, { type: "TICK" }, { type: "TICK" }])).toMatchObject({ state: "done", index: 2 });
  });

  it("PAUSE keeps the step; TICK while paused does not move; PLAY resumes from there", () => {
    const paused = run([{ type: "LOAD", total: 4 }, { type: "PLAY" }, { type: "TICK" }, { type: "PAUSE" }, { type: "TICK" }]);
    expect(paused).toMatchObject({ state: "paused", index: 1 });
    expect(run([{ type: "LOAD", total: 4 }, { type: "PLAY" }, { type: "TICK" }, { type: "PAUSE" }, { type: "PLAY" }, { type: "TICK" }])).toMatchObject({ state: "playing", index: 2 });
  });

  it("STEP moves one step at a time and pauses a playing trace", () => {
    expect(run([{ type: "LOAD", total: 4 }, { type: "STEP" }])).toMatchObject({ state: "paused", index: 0 });
    expect(run([{ type: "LOAD", total: 4 }, { type: "STEP" }, { type: "STEP" }])).toMatchObject({ state: "paused", index: 1 });
    expect(run([{ type: "LOAD", total: 4 }, { type: "PLAY" }, { type: "STEP" }])).toMatchObject({ state: "paused", index: 1 });
    expect(run([{ type: "LOAD", total: 2 }, { type: "STEP" }, { type: "STEP" }])).toMatchObject({ state: "done", index: 1 });
  });

  it("PLAY in done replays from the first step", () => {
    expect(run([{ type: "LOAD", total: 2 }, { type: "PLAY" }, { type: "TICK" }, { type: "PLAY" }])).toMatchObject({ state: "playing", index: 0 });
  });

  it("a trace of one step is done as soon as it is shown", () => {
    expect(run([{ type: "LOAD", total: 1 }, { type: "PLAY" }])).toMatchObject({ state: "done", index: 0 });
  });

  it("without a trace PLAY and STEP do nothing", () => {
    expect(run([{ type: "PLAY" }, { type: "STEP" }])).toMatchObject({ state: "idle", index: -1 });
    expect(run([{ type: "LOAD", total: 0 }, { type: "PLAY" }])).toMatchObject({ state: "idle", index: -1 });
  });

  it("LOAD starts over from idle, whatever was playing", () => {
    expect(run([{ type: "LOAD", total: 5 }, { type: "PLAY" }, { type: "TICK" }, { type: "LOAD", total: 7 }])).toMatchObject({ state: "idle", index: -1, total: 7 });
  });

  it("SEEK jumps to a step (clamped) and pauses, or is done at the last one", () => {
    expect(run([{ type: "LOAD", total: 5 }, { type: "PLAY" }, { type: "SEEK", index: 2 }])).toMatchObject({ state: "paused", index: 2 });
    expect(run([{ type: "LOAD", total: 5 }, { type: "SEEK", index: 99 }])).toMatchObject({ state: "done", index: 4 });
    expect(run([{ type: "LOAD", total: 5 }, { type: "SEEK", index: -3 }])).toMatchObject({ state: "paused", index: 0 });
  });

  it("SPEED changes the tick interval and ignores speeds it does not offer", () => {
    expect(run([{ type: "SPEED", speed: 4 }]).speed).toBe(4);
    expect(run([{ type: "SPEED", speed: 3 as never }]).speed).toBe(1);
    expect(tickMs(2)).toBeLessThan(tickMs(1));
    expect(tickMs(0.5)).toBe(2 * tickMs(1));
  });

  it("is a pure function of snapshot and event (transition)", () => {
    const [s0] = initialTransition(tracePlayerMachine, { total: 3 });
    const [s1] = transition(tracePlayerMachine, s0, { type: "PLAY" });
    const [s2] = transition(tracePlayerMachine, s1, { type: "TICK" });
    expect([s0.value, s1.value, s2.value]).toEqual(["idle", "playing", "playing"]);
    expect([s0.context.index, s1.context.index, s2.context.index]).toEqual([-1, 0, 1]);
  });
});
