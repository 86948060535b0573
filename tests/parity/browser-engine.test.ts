/**
 * Browser/server parity: the engine bundled for the browser (esbuild, platform "browser") and
 * run in real Chromium must judge every level exactly as Node does. For each level in
 * content/levels (seed 0, plus a second seed for levels with variants), both sides prepare the
 * level, judge its start state, apply the reference solution and judge again; the verdicts
 * (solved, each goal's pass and explanation) and every goal probe's outcomes and shown trace
 * must be identical, JSON for JSON.
 */
import { build } from "esbuild";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { levelFiles, readLevel } from "../../server/levels/catalog";
import { playLevel, type LevelRecord } from "./run-level";

const CHROMIUM = process.env.PODPATH_CHROMIUM ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const GLOBAL = "PodPathParity";

/** Every level file, and for levels with params one more seed, so variants are compared too. */
const cases = levelFiles().flatMap((ref) => {
  const first = readLevel(ref, 0);
  if (!first.ok) throw new Error(first.errors.join("\n"));
  const out = [{ name: `${ref.id} (seed 0)`, levelJson: JSON.stringify(first.level) }];
  const other = readLevel(ref, 7);
  if (!other.ok) throw new Error(other.errors.join("\n"));
  const otherJson = JSON.stringify(other.level);
  if (otherJson !== out[0]!.levelJson) out.push({ name: `${ref.id} (seed 7)`, levelJson: otherJson });
  return out;
});

let browser: Browser;
let page: Page;

beforeAll(async () => {
  const bundle = await build({
    stdin: {
      contents: `export * from "./engine/index.ts";\nexport { playLevel } from "./tests/parity/run-level.ts";\n`,
      resolveDir: new URL("../..", import.meta.url).pathname,
      sourcefile: "parity-entry.ts",
      loader: "ts",
    },
    bundle: true,
    platform: "browser",
    format: "iife",
    globalName: GLOBAL,
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const code = bundle.outputFiles[0]!.text;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.setContent("<!doctype html><title>parity</title>");
  await page.addScriptTag({ content: code });
  expect(errors).toEqual([]);
  expect(await page.evaluate(`typeof ${GLOBAL}.playLevel + " " + typeof ${GLOBAL}.prepareLevel + " " + typeof window.process`)).toBe("function function undefined");
});

afterAll(async () => {
  await browser?.close();
});

describe("the engine in Chromium judges every level as Node does", () => {
  it("has levels to compare", () => {
    expect(cases.length).toBeGreaterThanOrEqual(28);
  });

  it.each(cases)("$name", async ({ levelJson }) => {
    const inNode = playLevel(levelJson);
    const inBrowser = (await page.evaluate(`${GLOBAL}.playLevel(${JSON.stringify(levelJson)})`)) as LevelRecord;

    // The level itself must be sound, or there is nothing meaningful to compare.
    expect(inNode.errors).toEqual([]);
    expect(inNode.refused).toEqual([]);
    expect(inNode.start?.solved).toBe(false);
    expect(inNode.solved?.solved).toBe(true);
    const traces = [inNode.start!, inNode.solved!].flatMap((v) => v.goals.flatMap((g) => g.probes.map((p) => p.shownTrace)));
    expect(traces.length).toBeGreaterThan(0);
    expect(traces.every((t) => t !== "[]")).toBe(true);

    // Verdicts first (small diffs), then every probe's outcomes and trace.
    const verdicts = (r: LevelRecord) =>
      [r.start, r.solved].map((v) => v && { solved: v.solved, passed: v.passed, total: v.total, goals: v.goals.map((g) => ({ id: g.id, pass: g.pass, explanation: g.explanation })) });
    expect(verdicts(inBrowser)).toEqual(verdicts(inNode));
    expect(inBrowser).toEqual(inNode);
  });
});
