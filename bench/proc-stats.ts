/**
 * Readings of a process and of the machine from Linux's /proc, for bench:classroom: CPU time,
 * RSS, time spent runnable but waiting for a CPU, and the machine's busy and stolen time.
 */
import { readdirSync, readFileSync } from "node:fs";

const TICK = 100; // USER_HZ on Linux

/** CPU time (user + system) of every thread of `pid`, in ms. */
export function procCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICK;
}

export function procRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
  return Number(line?.match(/\d+/)?.[0] ?? 0) / 1024;
}

/**
 * Time the threads of `pid` have spent runnable but not running (waiting on a run queue for a
 * CPU), summed over its threads, in ms: the second field of each /proc/PID/task/TID/schedstat.
 * A thread that ended since an earlier reading drops out of the sum; the benches' threads live
 * as long as their process.
 */
export function procRunQueueWaitMs(pid: number): number {
  let ns = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[1]);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return ns / 1e6;
}

export interface MachineTimes {
  /** Ticks of all CPUs: busy (neither idle nor waiting for I/O), stolen by the hypervisor, and in all. */
  readonly busy: number;
  readonly steal: number;
  readonly total: number;
}

/** The first line of /proc/stat: user nice system idle iowait irq softirq steal (guest time is inside user). */
export function machineTimes(): MachineTimes {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields as [number, number, number, number, number, number, number, number];
  const total = user + nice + system + idle + iowait + irq + softirq + steal;
  return { busy: user + nice + system + irq + softirq, steal, total };
}

/** Busy and stolen shares of the machine between two readings, in % of all its CPUs. */
export function machineShares(from: MachineTimes, to: MachineTimes): { busyPercent: number; stealPercent: number } {
  const total = to.total - from.total;
  if (total <= 0) return { busyPercent: NaN, stealPercent: NaN };
  return { busyPercent: ((to.busy - from.busy) / total) * 100, stealPercent: ((to.steal - from.steal) / total) * 100 };
}
