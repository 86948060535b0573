/**
 * bench/proc-stats.ts reads what bench:classroom reports about CPU contention from /proc: these
 * check it against this very process and machine, whose readings can only grow.
 */
import { describe, expect, it } from "vitest";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { machineShares, machineTimes, procCpuMs, procRssMb, procRunQueueWaitMs, type MachineTimes } from "../../bench/proc-stats";

/** Busy until this process has used `ms` more of CPU time (however long that takes on a busy machine). */
function spin(ms: number): void {
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const end = cpu() + ms;
  while (cpu() < end) {
    // busy on purpose: the test needs CPU time to pass
  }
}

describe("a process's readings", () => {
  it("counts CPU time as it is spent, and the RSS in MB", () => {
    const before = procCpuMs(process.pid);
    spin(120);
    // /proc counts in ticks of 10 ms
    expect(procCpuMs(process.pid) - before).toBeGreaterThanOrEqual(100);
    const rss = procRssMb(process.pid);
    expect(rss).toBeGreaterThan(10);
    expect(rss).toBeLessThan(64 * 1024);
  });

  it("sums the run-queue wait of every thread: more busy threads than CPUs must wait", async () => {
    // cores + 2 threads spin together for SPIN ms: together they want (cores + 2) * SPIN ms of
    // CPU in about SPIN ms on `cores` CPUs, so their run-queue waits add up to about 2 * SPIN ms.
    // They are read before the threads end: an ended thread drops out of the sum.
    const SPIN = 300;
    const threads = availableParallelism() + 2;
    // [0]: 0 wait, 1 spin, 2 end; [1]: threads done spinning
    const flags = new Int32Array(new SharedArrayBuffer(8));
    const source = `const { workerData } = require("node:worker_threads");
      const flags = new Int32Array(workerData);
      Atomics.wait(flags, 0, 0);
      const end = Date.now() + ${SPIN};
      while (Date.now() < end) {}
      Atomics.add(flags, 1, 1);
      Atomics.wait(flags, 0, 1);`;
    const workers = Array.from({ length: threads }, () => new Worker(source, { eval: true, workerData: flags.buffer }));
    const exited = workers.map((w) => new Promise((resolve) => w.once("exit", resolve)));
    await Promise.all(workers.map((w) => new Promise((resolve) => w.once("online", resolve))));
    await new Promise((resolve) => setTimeout(resolve, 50)); // every worker is in Atomics.wait
    const before = procRunQueueWaitMs(process.pid);
    Atomics.store(flags, 0, 1);
    Atomics.notify(flags, 0);
    while (Atomics.load(flags, 1) < threads) await new Promise((resolve) => setTimeout(resolve, 10));
    const waited = procRunQueueWaitMs(process.pid) - before;
    Atomics.store(flags, 0, 2);
    Atomics.notify(flags, 0);
    await Promise.all(exited);
    expect(waited).toBeGreaterThan(SPIN / 2);
    expect(waited).toBeLessThan(threads * SPIN * 4);
  });
});

describe("the machine's shares", () => {
  it("reads busy and stolen ticks within the total", () => {
    const t = machineTimes();
    expect(t.total).toBeGreaterThan(0);
    expect(t.busy).toBeGreaterThan(0);
    expect(t.busy + t.steal).toBeLessThanOrEqual(t.total);
  });

  it("turns two readings into percentages of all CPUs", () => {
    const from: MachineTimes = { busy: 100, steal: 10, total: 1000 };
    const to: MachineTimes = { busy: 400, steal: 30, total: 2000 };
    expect(machineShares(from, to)).toEqual({ busyPercent: 30, stealPercent: 2 });
  });

  it("gives no share at all for readings with no time between them", () => {
    const t: MachineTimes = { busy: 5, steal: 0, total: 50 };
    const shares = machineShares(t, t);
    expect(Number.isNaN(shares.busyPercent)).toBe(true);
    expect(Number.isNaN(shares.stealPercent)).toBe(true);
  });

  it("finds the machine busier while this process spins", () => {
    const from = machineTimes();
    spin(300);
    const { busyPercent } = machineShares(from, machineTimes());
    expect(busyPercent).toBeGreaterThan(0);
    expect(busyPercent).toBeLessThanOrEqual(100);
  });
});
