/** Titles and tracks of the levels on disk, read once: what class creation and the dashboard name. */
import { TRACK_LIST } from "../../content/level/tracks";
import type { ParamSpec, TrackId } from "../../engine/index";
import { levelFiles, readLevel } from "../levels/catalog";

export interface LevelInfo {
  readonly id: string;
  readonly title: string;
  readonly track: TrackId;
  readonly order: number;
  /** The level's variant parameters (none: every seed gives the same level). */
  readonly params: Readonly<Record<string, ParamSpec>>;
}

let catalog: ReadonlyMap<string, LevelInfo> | undefined;

function load(): ReadonlyMap<string, LevelInfo> {
  const out = new Map<string, LevelInfo>();
  for (const ref of levelFiles()) {
    const read = readLevel(ref, 0);
    if (read.ok) out.set(ref.id, { id: ref.id, title: read.level.title.en, track: read.level.track, order: read.level.order, params: read.params });
  }
  return out;
}

/** Reads every level now rather than on first use (a worker does it before its first student). */
export function warmLevelInfo(): void {
  catalog ??= load();
}

export function levelInfo(levelId: string): LevelInfo | undefined {
  return (catalog ??= load()).get(levelId);
}

/** A track's levels in their order; empty for an unknown track. */
export function trackLevelIds(track: string): string[] {
  return [...(catalog ??= load()).values()]
    .filter((l) => l.track === track)
    .sort((a, b) => a.order - b.order)
    .map((l) => l.id);
}

export const TRACK_IDS = TRACK_LIST.map((t) => t.id) as [TrackId, ...TrackId[]];
