/**
 * When each simulated student sends: on a fixed timeline of its own, `start + phase + k * period`,
 * with the phases spread at random over the first period, whatever the load process's own delays.
 *
 * A setInterval per student does not keep that rate: Node schedules an interval's next run one
 * period after the run actually happened, so every stall of the load process (its collections,
 * its waits for a CPU) moves all the students that were due during it to the stall's end, and
 * they stay together from then on. Over a 40-second run the class bunched up: in 250 ms windows
 * the server received 650-720 messages in one quarter of every second and 340-400 in another,
 * against 500 for 2,000 students at 1 a second.
 *
 * Here a late send leaves the timeline where it was: the next one is still one period after the
 * slot it was due in, not after the late send. A student whose slot comes round while their
 * previous message is still unanswered is skipped by `tick` (and counted there).
 */

/** What the schedule needs of the world; tests pass a clock of their own. */
export interface ScheduleClock {
  now(): number;
  random(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: ScheduleClock = {
  now: () => performance.now(),
  random: Math.random,
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Starts sending; returns a function that stops. */
export function sendOnSchedule<T>(students: readonly T[], period: number, tick: (student: T) => void, clock: ScheduleClock = realClock): () => void {
  const start = clock.now();
  // Every slot moves on by the same period, so the order of the slots never changes: after the
  // last student's slot comes the first one's next.
  const slots = students.map((student) => ({ student, next: start + clock.random() * period })).sort((a, b) => a.next - b.next);
  let i = 0;
  let timer: unknown;
  const loop = (): void => {
    const now = clock.now();
    while (slots[i]!.next <= now) {
      const slot = slots[i]!;
      tick(slot.student);
      slot.next += period;
      i = (i + 1) % slots.length;
    }
    timer = clock.setTimeout(loop, Math.max(0, slots[i]!.next - clock.now()));
  };
  if (slots.length > 0) loop();
  return () => clock.clearTimeout(timer);
}
