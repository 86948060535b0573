/**
 * The rules of play shared by the browser and the server: an attempt's state is the level's
 * start state plus its accepted, not undone command lines, in order. Both sides run the same
 * functions, so the browser's preview and the server's verdict can only differ if the logs do.
 */
import { apply } from "../engine/exec/apply";
import { commandAllowed } from "../engine/judge/allowed";
import { sameEverywhere } from "../engine/judge/configuration";
import { judge } from "../engine/judge/judge";
import type { PreparedLevel } from "../engine/judge/prepare";
import type { Verdict } from "../engine/judge/verdict";
import type { NetState } from "../engine/model/types";
import type { LogEntry, VerdictSummary } from "./protocol";

/** The solution may be revealed after this many accepted commands, or once every hint is shown. */
export const SOLUTION_AFTER_COMMANDS = 3;

export type CommandResult = { ok: true; state: NetState; output: string; changed: boolean } | { ok: false; error: string };

/** A line as a student types it: allowed here by the level ([JA1], [JA2]), then run by the engine. */
export function runCommand(prepared: PreparedLevel, state: NetState, host: string, line: string): CommandResult {
  const allowed = commandAllowed(prepared.level, host, line);
  if (!allowed.ok) return allowed;
  const r = apply(state, host, line);
  if (!r.ok) return { ok: false, error: r.error };
  return { ok: true, state: r.state, output: r.output, changed: !sameEverywhere(state, r.state) };
}

/** The state a log leads to. */
export function replay(prepared: PreparedLevel, log: readonly LogEntry[]): NetState {
  let state = prepared.start;
  for (const entry of log) {
    if (!entry.accepted || entry.undone) continue;
    const r = apply(state, entry.host, entry.line);
    if (r.ok) state = r.state;
  }
  return state;
}

export function summarize(verdict: Verdict): VerdictSummary {
  return {
    solved: verdict.solved,
    passed: verdict.passed,
    total: verdict.total,
    goals: verdict.goals.map((g) => ({ id: g.id, pass: g.pass, ...(g.explanation !== undefined ? { explanation: g.explanation } : {}) })),
  };
}

export function judgeLog(prepared: PreparedLevel, log: readonly LogEntry[]): VerdictSummary {
  return summarize(judge(prepared, replay(prepared, log)));
}

/** Commands that count toward par: accepted, not undone, and changing something. */
export function commandCount(log: readonly LogEntry[]): number {
  return log.filter((e) => e.accepted && !e.undone && e.changed).length;
}

/** What undo takes back: the latest accepted command that changed something and is not undone yet. */
export function undoTarget(log: readonly LogEntry[]): LogEntry | undefined {
  return [...log].reverse().find((e) => e.accepted && !e.undone && e.changed);
}

/**
 * Stars for a solved level: 1 for solving it, 2 without revealing the solution, 3 when also
 * within par (or when the level has no par). 0 while unsolved.
 */
export function stars(input: { solved: boolean; solutionShown: boolean; commands: number; par?: number }): number {
  if (!input.solved) return 0;
  if (input.solutionShown) return 1;
  return input.par === undefined || input.commands <= input.par ? 3 : 2;
}

export function canRevealSolution(input: { hintsShown: number; hintCount: number; commands: number }): boolean {
  return input.hintsShown >= input.hintCount || input.commands >= SOLUTION_AFTER_COMMANDS;
}
