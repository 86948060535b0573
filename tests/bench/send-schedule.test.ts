import { describe, expect, it } from "vitest";
import { sendOnSchedule, type ScheduleClock } from "../../bench/send-schedule";

/** An event loop of one timer whose time the test moves; `stall` keeps the loop busy, so a timer due meanwhile runs late. */
class TestLoop implements ScheduleClock {
  t = 0;
  private pending: { at: number; run: () => void } | undefined;
  constructor(private readonly phases: number[]) {}
  now = () => this.t;
  random = () => this.phases.shift()!;
  setTimeout = (run: () => void, ms: number) => (this.pending = { at: this.t + ms, run });
  clearTimeout = (handle: unknown) => {
    if (handle === this.pending) this.pending = undefined;
  };
  runUntil(end: number): void {
    while (this.pending && this.pending.at <= end) {
      const { at, run } = this.pending;
      this.pending = undefined;
      this.t = Math.max(this.t, at);
      run();
    }
    this.t = end;
  }
  stall(until: number): void {
    this.t = until;
  }
}

describe("bench: each student's sends keep to a timeline of their own", () => {
  const students = ["a", "b", "c", "d"];
  const phase: Record<string, number> = { a: 10, b: 35, c: 60, d: 85 };

  it("spreads the students over the period and sends each once a period", () => {
    const loop = new TestLoop([0.1, 0.35, 0.6, 0.85]);
    const sent: [string, number][] = [];
    sendOnSchedule(students, 100, (s) => sent.push([s, loop.t]), loop);
    loop.runUntil(399);
    expect(sent.slice(0, 5)).toEqual([["a", 10], ["b", 35], ["c", 60], ["d", 85], ["a", 110]]);
    for (const s of students) expect(sent.filter(([who]) => who === s).map(([, t]) => t)).toEqual([0, 1, 2, 3].map((k) => phase[s]! + k * 100));
  });

  it("after a stall, sends what fell due once each, then goes back to the same timeline instead of bunching up", () => {
    const loop = new TestLoop([0.1, 0.35, 0.6, 0.85]);
    const sent: [string, number][] = [];
    sendOnSchedule(students, 100, (s) => sent.push([s, loop.t]), loop);
    loop.runUntil(300);
    loop.stall(475); // busy from 300 to 475: the slots 310 ... 460 fall due meanwhile
    loop.runUntil(800);
    const late = sent.filter(([, t]) => t === 475).map(([s]) => s);
    expect(late).toEqual(["a", "b", "c", "d", "a", "b", "c"]); // one call a slot: the caller skips a student still waiting for an answer
    const after = sent.filter(([, t]) => t > 475);
    expect(after.length).toBe(13); // 485, 510, ... 785: one a slot, no more, no fewer
    for (const [s, t] of after) expect((t - phase[s]!) % 100).toBe(0);
  });

  it("stops when told to", () => {
    const loop = new TestLoop([0.5]);
    const sent: number[] = [];
    const stop = sendOnSchedule(["a"], 100, () => sent.push(loop.t), loop);
    loop.runUntil(260);
    stop();
    loop.runUntil(1000);
    expect(sent).toEqual([50, 150, 250]);
  });
});
