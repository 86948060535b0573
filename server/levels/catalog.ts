/** The level files on disk (content/levels/TRACK/ID.yaml), read and checked for one seed. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseLevelText, type LevelParse } from "../../content/level/load";

// A path built from this file, not `new URL(dir, import.meta.url)`: bundlers resolve the latter as a module.
export const LEVELS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "content", "levels");

export interface LevelFileRef {
  readonly id: string;
  /** Relative to the repository, for messages. */
  readonly file: string;
  readonly path: string;
}

/** Every *.yaml under content/levels, sorted; the id is the file name without .yaml. */
export function levelFiles(dir: string = LEVELS_DIR): LevelFileRef[] {
  const out: LevelFileRef[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".yaml")) out.push({ id: name.slice(0, -5), file: relative(join(dir, "..", ".."), path), path });
    }
  };
  walk(dir);
  return out;
}

export function readLevel(ref: LevelFileRef, seed = 0): LevelParse {
  let text: string;
  try {
    text = readFileSync(ref.path, "utf8");
  } catch (error) {
    return { ok: false, errors: [`${ref.file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? "error"})`] };
  }
  const parsed = parseLevelText(text, { fileName: ref.file, seed });
  if (parsed.ok && parsed.level.id !== ref.id) return { ok: false, errors: [`${ref.file}: id: is "${parsed.level.id}", but the file is named ${ref.id}.yaml`] };
  return parsed;
}
