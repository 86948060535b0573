/**
 * Reads a level file (YAML) into the engine's Level for one seed. Never throws: every problem
 * comes back as a message that says where, e.g.
 * `content/levels/svc-reach.yaml: goals[0].probe.port: is required for tcp`.
 */
import { parseDocument } from "yaml";
import { compileCluster } from "../../engine/k8s/compile";
import { chooseParams, fillPlaceholders, placeholdersIn, type ParamSpec, type ParamValues } from "../../engine/judge/variant";
import type { Level, LevelStart } from "../../engine/judge/types";
import type { HostSpec } from "../../engine/scenario/types";
import { formatProblem, pathKey, requiredFieldMessage, toListener, toSetupItem } from "../scenario/load";
import type { FieldProblem } from "../scenario/references";
import { checkLevelReferences } from "./references";
import { levelSchema, paramSchema, type LevelFile } from "./schema";
import { LISTENER } from "../scenario/schema";
import { z } from "zod";

export type LevelParse =
  | { ok: true; level: Level; params: Readonly<Record<string, ParamSpec>>; values: ParamValues }
  | { ok: false; errors: string[] };

/** The document as plain data, or the YAML errors. */
export function readLevelDocument(text: string, fileName?: string): { ok: true; value: unknown } | { ok: false; errors: string[] } {
  const where = fileName ? `${fileName}: ` : "";
  try {
    if (typeof text !== "string") return { ok: false, errors: [`${where}expected the file's text`] };
    const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    if (document.errors.length > 0) return { ok: false, errors: document.errors.map((e) => `${where}${e.message.split("\n")[0]!.replace(/:$/, "")}`) };
    if (document.contents === null) return { ok: false, errors: [`${where}the file is empty`] };
    return { ok: true, value: document.toJS({ maxAliasCount: 100 }) };
  } catch (error) {
    return { ok: false, errors: [`${where}cannot read the level: ${(error as Error)?.message ?? String(error)}`] };
  }
}

export function parseLevelText(text: string, options: { fileName?: string; seed?: number } = {}): LevelParse {
  const doc = readLevelDocument(text, options.fileName);
  return doc.ok ? parseLevelValue(doc.value, options) : doc;
}

/** [JV1] A level for one seed: its parameters are picked, placeholders filled, then the whole is checked. */
export function parseLevelValue(value: unknown, options: { fileName?: string; seed?: number } = {}): LevelParse {
  const { fileName } = options;
  const fail = (problems: readonly FieldProblem[]): LevelParse => ({ ok: false, errors: problems.map((p) => formatProblem(fileName, p)) });
  try {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return fail([{ path: [], message: "a level file is a mapping with id, title, track, start, goals, ..." }]);
    const declared = z.record(z.string(), paramSchema).optional().safeParse((value as { params?: unknown }).params);
    if (!declared.success) return fail(declared.error.issues.map((i) => ({ path: ["params", ...i.path.map(pathKey)], message: i.message })));
    const params = declared.data ?? {};
    const placeholderProblems = checkPlaceholders(value, params);
    if (placeholderProblems.length > 0) return fail(placeholderProblems);
    const values = chooseParams(params, options.seed ?? 0);
    const parsed = levelSchema.safeParse(fillPlaceholders(value, values), { error: requiredFieldMessage });
    if (!parsed.success) return fail(parsed.error.issues.map((i) => ({ path: i.path.map(pathKey), message: i.message })));
    const start = toStart(parsed.data);
    if (!start.ok) return fail(start.problems);
    const problems = checkLevelReferences(parsed.data, start.hosts);
    if (problems.length > 0) return fail(problems);
    return { ok: true, level: toLevel(parsed.data, start.start), params, values };
  } catch (error) {
    return fail([{ path: [], message: `cannot read the level: ${(error as Error)?.message ?? String(error)}` }]);
  }
}

function checkPlaceholders(value: unknown, params: Readonly<Record<string, ParamSpec>>): FieldProblem[] {
  const { params: _declared, ...body } = value as Record<string, unknown>;
  const used = placeholdersIn(body);
  const problems: FieldProblem[] = [];
  for (const name of used) if (!(name in params)) problems.push({ path: [], message: `{{${name}}} is used but not declared under params` });
  for (const name of Object.keys(params)) if (!used.has(name)) problems.push({ path: ["params", name], message: `is declared but never used as {{${name}}}` });
  return problems;
}

type StartRead = { ok: true; start: LevelStart; hosts: readonly HostSpec[] } | { ok: false; problems: FieldProblem[] };

function toStart(file: LevelFile): StartRead {
  const startKey = "cluster" in file.start ? "cluster" : "scenario";
  const rawListen = "cluster" in file.start ? file.start.listen : file.start.scenario.listen;
  const listenProblems = checkListeners(rawListen, ["start", startKey === "cluster" ? "listen" : "scenario", ...(startKey === "cluster" ? [] : ["listen"])]);
  if (listenProblems.length > 0) return { ok: false, problems: listenProblems };
  const listen = Object.fromEntries(Object.entries(rawListen).map(([host, ls]) => [host, ls.map(toListener)]));
  if ("cluster" in file.start) {
    const compiled = compileCluster(file.start.cluster);
    if (!compiled.ok) return { ok: false, problems: compiled.errors.map((message) => ({ path: ["start", "cluster"], message })) };
    return { ok: true, start: { kind: "cluster", cluster: file.start.cluster, listen }, hosts: compiled.build.hosts };
  }
  const s = file.start.scenario;
  const hosts = s.hosts.map((h) => ({ name: h.name, role: h.role, ...(h.node !== undefined ? { node: h.node } : {}) }));
  return { ok: true, start: { kind: "scenario", hosts, setup: s.setup.map(toSetupItem), listen }, hosts };
}

function checkListeners(listen: Readonly<Record<string, readonly string[]>>, at: readonly (string | number)[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [host, listeners] of Object.entries(listen)) {
    listeners.forEach((text, i) => {
      const match = LISTENER.exec(text);
      if (!match || Number(match[2]) < 1 || Number(match[2]) > 65535) problems.push({ path: [...at, host, i], message: `"${text}" is not a listener (tcp/PORT or udp/PORT, port 1-65535)` });
    });
  }
  return problems;
}

function toLevel(file: LevelFile, start: LevelStart): Level {
  return {
    id: file.id,
    title: file.title,
    track: file.track,
    order: file.order,
    difficulty: file.difficulty,
    minutes: file.minutes,
    mode: file.mode,
    briefing: file.briefing,
    success: file.success,
    start,
    break: file.break.map(toSetupItem),
    editable: file.editable,
    forbidden: file.forbidden,
    goals: file.goals,
    hints: file.hints,
    solution: file.solution.map(toSetupItem),
    ...(file.par !== undefined ? { par: file.par } : {}),
  };
}
