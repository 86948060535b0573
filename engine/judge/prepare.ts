/**
 * prepareLevel: a level's start compiled (a cluster through the engine's Kubernetes
 * controllers, or a scenario as written) and then prepared (prepare-base.ts).
 */
import { compileCluster } from "../k8s/compile";
import type { Listener } from "../scenario/types";
import { prepareFromBase, type LevelBase, type PreparedLevel } from "./prepare-base";
import type { Level } from "./types";

export * from "./prepare-base";

export type Prepared = { readonly ok: true; readonly prepared: PreparedLevel } | { readonly ok: false; readonly errors: readonly string[] };

export function prepareLevel(level: Level): Prepared {
  const base = levelBase(level);
  return base.ok ? { ok: true, prepared: prepareFromBase(level, base.base) } : base;
}

export function levelBase(level: Level): { ok: true; base: LevelBase } | { ok: false; errors: string[] } {
  if (level.start.kind === "scenario") return { ok: true, base: { hosts: level.start.hosts, setup: level.start.setup, listen: level.start.listen } };
  const compiled = compileCluster(level.start.cluster);
  if (!compiled.ok) return { ok: false, errors: compiled.errors.map((e) => `start.cluster: ${e}`) };
  const listen: Record<string, readonly Listener[]> = { ...compiled.build.listen };
  for (const [host, extra] of Object.entries(level.start.listen)) listen[host] = [...(listen[host] ?? []), ...extra];
  return { ok: true, base: { hosts: compiled.build.hosts, setup: compiled.build.setup, listen } };
}
