/**
 * The class machine's persisted snapshot as stored in classes.machine: made for a new class,
 * read back (checked, so a damaged row is a clear error rather than a strange class).
 */
import { createActor } from "xstate";
import { z } from "zod";
import { classMachine, type ClassMachineInput, type ClassSnapshot, type Pacing } from "../../game/class-machine";

const stored = z.looseObject({
  status: z.enum(["active", "done"]),
  value: z.enum(["lobby", "running", "paused", "ended"]),
  context: z.looseObject({
    levelCount: z.number().int().min(1),
    pacing: z.enum(["free", "unlocked"]),
    unlocked: z.number().int().min(0),
    pausedMs: z.number().min(0),
  }),
});

export function initialMachineJson(levelCount: number, pacing: Pacing): string {
  const actor = createActor(classMachine, { input: { levelCount, pacing } }).start();
  const json = JSON.stringify(actor.getPersistedSnapshot());
  actor.stop();
  return json;
}

/** The persisted snapshot (JSON) as a value to restore an actor from. */
export function persistedSnapshot(json: string, classId: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error(`class ${classId}: its stored machine snapshot is not JSON`);
  }
  const checked = stored.safeParse(value);
  if (!checked.success) throw new Error(`class ${classId}: its stored machine snapshot is damaged (${checked.error.issues[0]?.path.join(".")})`);
  return value;
}

/** Options to restore an actor from a stored snapshot (input is ignored then; it repeats the snapshot's own). */
export function restoreOptions(json: string, classId: string): { snapshot: ClassSnapshot; input: ClassMachineInput } {
  const snapshot = persistedSnapshot(json, classId) as ClassSnapshot;
  return { snapshot, input: { levelCount: snapshot.context.levelCount, pacing: snapshot.context.pacing } };
}

/** A snapshot to read (views, the Next side), without running an actor. */
export function readSnapshot(json: string, classId: string): ClassSnapshot {
  return createActor(classMachine, restoreOptions(json, classId)).getSnapshot();
}
