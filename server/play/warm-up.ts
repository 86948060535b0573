/**
 * Plays every level once: prepared at seed 0, its reference solution run line by line as
 * commands are, each state judged. A fresh process (a play worker) does this before it takes
 * jobs, so that loading and compiling the engine happens here and not inside its first batch's
 * transaction, where it held SQLite's write lock for seconds and the main thread's writes
 * (a player arriving) gave up with SQLITE_BUSY.
 */
import { judge } from "../../engine/index";
import { runCommand } from "../../game/attempt";
import type { LevelLibrary } from "./level-library";

export function warmUp(levels: LevelLibrary): void {
  for (const id of levels.ids()) {
    let prepared;
    try {
      prepared = levels.get(id, 0);
    } catch (error) {
      // A level that does not load fails its own jobs later, with the reason; the rest still warm up.
      console.error(`podpath: warming up skipped level ${id}`, error);
      continue;
    }
    let state = prepared.start;
    judge(prepared, state);
    for (const { host, line } of prepared.level.solution) {
      const r = runCommand(prepared, state, host, line);
      if (!r.ok) continue;
      state = r.state;
      if (r.changed) judge(prepared, state);
    }
  }
}
