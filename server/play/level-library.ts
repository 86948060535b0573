/** The levels on disk by id, each prepared (start state, goal probes) once per seed and kept in an LRU. */
import { prepareLevel, type PreparedLevel } from "../../engine/index";
import { LEVELS_DIR, levelFiles, readLevel, type LevelFileRef } from "../levels/catalog";
import { Lru } from "./lru";
import { PlayError } from "./play-error";

export class LevelLibrary {
  private readonly files: ReadonlyMap<string, LevelFileRef>;
  private readonly prepared: Lru<string, PreparedLevel>;

  constructor(options: { dir?: string; capacity?: number } = {}) {
    this.files = new Map(levelFiles(options.dir ?? LEVELS_DIR).map((ref) => [ref.id, ref]));
    this.prepared = new Lru(options.capacity ?? 100);
  }

  has(levelId: string): boolean {
    return this.files.has(levelId);
  }

  ids(): string[] {
    return [...this.files.keys()];
  }

  /** The level for this seed, ready to play; a PlayError if there is no such level or it does not load. */
  get(levelId: string, seed: number): PreparedLevel {
    const key = `${levelId}#${seed}`;
    const cached = this.prepared.get(key);
    if (cached) return cached;
    const ref = this.files.get(levelId);
    if (!ref) throw new PlayError(`there is no level "${levelId}"`);
    const read = readLevel(ref, seed);
    if (!read.ok) throw new Error(`level ${levelId} (seed ${seed}) does not load: ${read.errors.join("; ")}`);
    const made = prepareLevel(read.level);
    if (!made.ok) throw new Error(`level ${levelId} (seed ${seed}) cannot be prepared: ${made.errors.join("; ")}`);
    this.prepared.set(key, made.prepared);
    return made.prepared;
  }
}
