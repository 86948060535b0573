/**
 * The live class machines: one xstate actor per class that can still change, restored from
 * its stored snapshot on first use (after a restart too). Every transition is stored before
 * `send` returns, so what an instructor was told has happened survives a crash.
 */
import { createActor, type Actor } from "xstate";
import { classMachine, classStatus, refusal, type ClassEvent, type ClassSnapshot } from "../../game/class-machine";
import type { ClassStore } from "./class-store";
import { restoreOptions } from "./class-snapshot";

type ClassActor = Actor<typeof classMachine>;

export type SendResult = { ok: true; snapshot: ClassSnapshot; changed: boolean } | { ok: false; error: string };

export class ClassActors {
  private readonly actors = new Map<string, ClassActor>();

  constructor(private readonly store: ClassStore) {}

  /** The class's machine now; undefined when there is no such class. */
  snapshot(classId: string): ClassSnapshot | undefined {
    return this.actor(classId)?.getSnapshot();
  }

  send(classId: string, event: ClassEvent): SendResult {
    const actor = this.actor(classId);
    if (!actor) return { ok: false, error: `there is no class ${classId}` };
    const before = actor.getSnapshot();
    const why = refusal(before, event);
    if (why) return { ok: false, error: why };
    actor.send(event);
    const after = actor.getSnapshot();
    const changed = after !== before;
    if (changed) {
      try {
        this.store.saveMachine(classId, classStatus(after), JSON.stringify(actor.getPersistedSnapshot()));
      } catch (error) {
        // Not stored means not done: forget this actor so the next use restores the stored state.
        this.forget(classId);
        throw error;
      }
    }
    if (after.status === "done") this.forget(classId);
    return { ok: true, snapshot: after, changed };
  }

  forget(classId: string): void {
    this.actors.get(classId)?.stop();
    this.actors.delete(classId);
  }

  private actor(classId: string): ClassActor | undefined {
    const cached = this.actors.get(classId);
    if (cached) return cached;
    const row = this.store.classById(classId);
    if (!row) return undefined;
    const actor = createActor(classMachine, restoreOptions(row.machine, row.id)).start();
    if (actor.getSnapshot().status !== "done") this.actors.set(classId, actor);
    return actor;
  }
}
