/** Where the database and its migrations live, resolved from the project root (not the working directory). */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder holding package.json and drizzle/. Walks up from this file, because inside a Next
 * server bundle this module runs from .next/server/..., not from server/db.
 */
export function projectRoot(): string {
  return findRootFrom(moduleDir()) ?? findRootFrom(process.cwd()) ?? process.cwd();
}

function findRootFrom(start: string | undefined): string | undefined {
  for (let dir = start; dir !== undefined; ) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "drizzle"))) return dir;
    const up = dirname(dir);
    dir = up === dir ? undefined : up;
  }
  return undefined;
}

/** A bundler may give this module an import.meta.url that is not a file URL. */
function moduleDir(): string | undefined {
  try {
    return dirname(fileURLToPath(import.meta.url));
  } catch {
    return undefined;
  }
}

export function migrationsFolder(): string {
  return join(projectRoot(), "drizzle");
}

/** PODPATH_DB, or data/podpath.sqlite; a relative path is taken from the project root. */
export function databaseFile(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return resolve(projectRoot(), env.PODPATH_DB || "data/podpath.sqlite");
}
