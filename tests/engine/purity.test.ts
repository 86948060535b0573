/** The engine runs in the browser and on the server: nothing from outside engine/, no clocks, no randomness, no host APIs. */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ENGINE = join(__dirname, "..", "..", "engine");

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith(".ts") ? [p] : [];
  });
}

/** Source text with comments blanked out (strings and template literals kept), so line numbers still match. */
function withoutComments(src: string): string {
  let out = "";
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    const next = src[i + 1];
    if (c === "/" && next === "/") {
      while (i < src.length && src[i] !== "\n") i++;
    } else if (c === "/" && next === "*") {
      const end = src.indexOf("*/", i + 2);
      const stop = end < 0 ? src.length : end + 2;
      out += src.slice(i, stop).replace(/[^\n]/g, " ");
      i = stop;
    } else if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === "\\" ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const files = tsFiles(ENGINE);

/** Every module specifier: import ... from "x", export ... from "x", import "x", import("x"). */
function specifiers(code: string): string[] {
  const found: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\s+(?:type\s+)?[\w$*{}\s,]*?\s*from\s*["']([^"']+)["']/gm,
    /^\s*import\s*["']([^"']+)["']/gm,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) found.push(m[1]!);
  return found;
}

const FORBIDDEN: readonly [string, RegExp][] = [
  ["Date.now", /\bDate\.now\b/],
  ["Math.random", /\bMath\.random\b/],
  ["new Date(", /\bnew\s+Date\s*\(/],
  ["process.", /\bprocess\./],
  ["window.", /\bwindow\./],
  ["document.", /\bdocument\./],
  ["setTimeout", /\bsetTimeout\b/],
  ["require(", /\brequire\s*\(/],
];

describe("engine purity", () => {
  it("finds the engine sources", () => {
    expect(files.length).toBeGreaterThan(30);
    expect(files.some((f) => f.endsWith(join("engine", "index.ts")))).toBe(true);
  });

  it("imports and re-exports only modules inside engine/ (relative specifiers)", () => {
    const outside: string[] = [];
    for (const f of files) {
      const code = withoutComments(readFileSync(f, "utf8"));
      for (const spec of specifiers(code)) if (!spec.startsWith(".")) outside.push(`${relative(ENGINE, f)}: "${spec}"`);
    }
    expect(outside).toEqual([]);
  });

  it("never reads a clock, a random source or a host API outside comments", () => {
    const hits: string[] = [];
    for (const f of files) {
      const code = withoutComments(readFileSync(f, "utf8")).split("\n");
      code.forEach((line, n) => {
        for (const [name, re] of FORBIDDEN) if (re.test(line)) hits.push(`${relative(ENGINE, f)}:${n + 1} uses ${name}`);
      });
    }
    expect(hits).toEqual([]);
  });

  it("the checks above do see imports and forbidden calls (self-test on a sample)", () => {
    const sample = 'import x from "node:fs";\n// Date.now() in a comment\nconst t = Date.now();\nconst k = ["from", "x"];\n/* Math.random() */\nexport * from "./y";\nexport {\n  a,\n  b as c,\n} from "../z";';
    const code = withoutComments(sample);
    expect(specifiers(code).sort()).toEqual(["../z", "./y", "node:fs"]);
    expect(code.split("\n").filter((l) => /\bDate\.now\b/.test(l))).toHaveLength(1);
    expect(/\bMath\.random\b/.test(code)).toBe(false);
  });

  it('engine/tsconfig.json has "types": [] and no DOM lib', () => {
    const cfg = JSON.parse(readFileSync(join(ENGINE, "tsconfig.json"), "utf8")) as { compilerOptions: { types?: unknown; lib?: string[] } };
    expect(cfg.compilerOptions.types).toEqual([]);
    expect(Array.isArray(cfg.compilerOptions.lib)).toBe(true);
    expect(cfg.compilerOptions.lib!.some((l) => l.toLowerCase().startsWith("dom"))).toBe(false);
  });
});
