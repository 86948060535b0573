/**
 * Each attempt's current network state, kept in memory so a command costs one engine step,
 * not a replay of the whole log. Bounded; a forgotten or stale entry is rebuilt from the log.
 */
import type { NetState, PreparedLevel } from "../../engine/index";
import { replay } from "../../game/attempt";
import type { LogEntry } from "../../game/protocol";
import { Lru } from "./lru";

/** Which log a state belongs to: its length and how many entries are undone (undo changes the state, not the length). */
function logTag(log: readonly LogEntry[]): string {
  return `${log.length}/${log.filter((e) => e.undone).length}`;
}

export class AttemptStates {
  private readonly states: Lru<string, { tag: string; state: NetState }>;

  constructor(capacity = 500) {
    this.states = new Lru(capacity);
  }

  current(attemptId: string, prepared: PreparedLevel, log: readonly LogEntry[]): NetState {
    const tag = logTag(log);
    const cached = this.states.get(attemptId);
    if (cached?.tag === tag) return cached.state;
    const state = replay(prepared, log);
    this.states.set(attemptId, { tag, state });
    return state;
  }

  /** After a write is committed: the state that `log` leads to. */
  remember(attemptId: string, log: readonly LogEntry[], state: NetState): void {
    this.states.set(attemptId, { tag: logTag(log), state });
  }

  forget(attemptId: string): void {
    this.states.delete(attemptId);
  }
}
