/** What the HTTP handlers work with; `sharedHttpDeps()` is the process's (used by Next's route handlers). */
import type { Orm } from "../../db/open";
import { sharedOrm } from "../../db/shared";
import { InstructorAuth } from "../../auth/instructor-auth";
import { AttemptStore } from "../../play/attempt-store";
import { LevelLibrary } from "../../play/level-library";
import { ClassStore } from "../class-store";
import { sharedRuntime, type ClassroomRuntime } from "../runtime";

export interface HttpDeps {
  readonly orm: Orm;
  readonly store: ClassStore;
  readonly auth: InstructorAuth;
  readonly attempts: AttemptStore;
  readonly levels: LevelLibrary;
  readonly runtime: ClassroomRuntime;
  readonly now: () => string;
}

export function httpDeps(orm: Orm, runtime: ClassroomRuntime = sharedRuntime()): HttpDeps {
  return {
    orm,
    store: new ClassStore(orm),
    auth: new InstructorAuth(orm),
    attempts: new AttemptStore(orm),
    levels: new LevelLibrary({ capacity: 50 }),
    runtime,
    now: () => new Date().toISOString(),
  };
}

let shared: HttpDeps | undefined;

export function sharedHttpDeps(): HttpDeps {
  const orm = sharedOrm();
  if (shared?.orm !== orm) shared = httpDeps(orm);
  return shared;
}
