/**
 * The benches time the engine as the browser and server get it: one esbuild bundle, not the
 * per-file transform tsx applies in development (which wraps every function for its names).
 */
import { build } from "esbuild";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export type EngineModule = typeof import("../engine/index");

export async function loadEngineBundle(): Promise<EngineModule> {
  const outDir = join(import.meta.dirname, "out");
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, "engine.mjs");
  await build({ entryPoints: [join(import.meta.dirname, "../engine/index.ts")], bundle: true, format: "esm", platform: "neutral", outfile, logLevel: "warning" });
  return (await import(pathToFileURL(outfile).href)) as EngineModule;
}
