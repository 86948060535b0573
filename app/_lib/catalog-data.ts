/**
 * The level catalog for server components: every level file read once (seed 0), grouped by
 * track in curriculum order. Reads the disk through server/levels/catalog, so it is imported
 * only by server components.
 */
import { join } from "node:path";
import { TRACK_LIST, type Track } from "../../content/level/tracks";
import type { Level } from "../../engine/judge/types";
import { levelFiles, readLevel } from "../../server/levels/catalog";

export interface LevelSummary {
  readonly id: string;
  readonly title: string;
  readonly track: Level["track"];
  readonly order: number;
  readonly difficulty: number;
  readonly minutes: number;
  readonly mode: Level["mode"];
  /** True when the level has variant parameters: its numbers differ per attempt. */
  readonly varies: boolean;
}

export interface TrackLevels {
  readonly track: Track;
  readonly levels: readonly LevelSummary[];
}

interface Loaded {
  readonly tracks: readonly TrackLevels[];
  readonly levels: ReadonlyMap<string, { readonly level: Level; readonly summary: LevelSummary }>;
  readonly errors: readonly string[];
}

let cache: Loaded | undefined;

/** The levels directory, from the project root (the bundled server code has no stable import.meta.url). */
const levelsDir = () => join(process.cwd(), "content", "levels");

function load(): Loaded {
  if (cache && process.env.NODE_ENV === "production") return cache;
  const levels = new Map<string, { level: Level; summary: LevelSummary }>();
  const errors: string[] = [];
  for (const ref of levelFiles(levelsDir())) {
    const parsed = readLevel(ref, 0);
    if (!parsed.ok) {
      errors.push(...parsed.errors);
      continue;
    }
    const l = parsed.level;
    levels.set(l.id, {
      level: l,
      summary: { id: l.id, title: l.title.en, track: l.track, order: l.order, difficulty: l.difficulty, minutes: l.minutes, mode: l.mode, varies: Object.keys(parsed.params).length > 0 },
    });
  }
  const tracks = TRACK_LIST.map((track) => ({
    track,
    levels: [...levels.values()].map((v) => v.summary).filter((s) => s.track === track.id).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id)),
  }));
  cache = { tracks, levels, errors };
  return cache;
}

export function catalogTracks(): readonly TrackLevels[] {
  return load().tracks;
}

export function levelById(id: string): { level: Level; summary: LevelSummary } | undefined {
  return load().levels.get(id);
}

/** The level after this one in curriculum order (the next track's first level after a track's last). */
export function nextLevelId(id: string): string | undefined {
  const order = load().tracks.flatMap((t) => t.levels.map((l) => l.id));
  const at = order.indexOf(id);
  return at >= 0 ? order[at + 1] : undefined;
}
