/**
 * Reads a scenario file (YAML, or the same as JSON) into a Scenario. Never throws: YAML syntax
 * errors, wrong shapes and broken references all come back as messages that say where, e.g.
 * `tests/oracle/x.yaml: probes[2].to: "010.1.1.1" is not a dotted quad (leading zeros are not allowed)`.
 */
import { parseDocument } from "yaml";
import type { Listener, Scenario, SetupItem } from "../../engine/scenario/types";
import { checkReferences, type FieldProblem } from "./references";
import { LISTENER, scenarioFileSchema, type ScenarioFile } from "./schema";

export type ScenarioParse = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

export function parseScenarioText(text: string, fileName?: string): ScenarioParse {
  const where = fileName ? `${fileName}: ` : "";
  try {
    if (typeof text !== "string") return { ok: false, errors: [`${where}expected the file's text`] };
    const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    if (document.errors.length > 0) {
      return { ok: false, errors: document.errors.map((error) => `${where}${error.message.split("\n")[0]!.replace(/:$/, "")}`) };
    }
    if (document.contents === null) return { ok: false, errors: [`${where}the file is empty`] };
    return parseScenarioValue(document.toJS({ maxAliasCount: 100 }), fileName);
  } catch (error) {
    return { ok: false, errors: [`${where}cannot read the scenario: ${(error as Error)?.message ?? String(error)}`] };
  }
}

/** For a scenario already parsed from YAML/JSON, e.g. one embedded in a level file. */
export function parseScenarioValue(value: unknown, fileName?: string): ScenarioParse {
  try {
    const parsed = scenarioFileSchema.safeParse(value, { error: requiredFieldMessage });
    if (!parsed.success) {
      return { ok: false, errors: parsed.error.issues.map((issue) => formatProblem(fileName, { path: issue.path.map(pathKey), message: issue.message })) };
    }
    const problems = checkReferences(parsed.data);
    if (problems.length > 0) return { ok: false, errors: problems.map((problem) => formatProblem(fileName, problem)) };
    return { ok: true, scenario: toScenario(parsed.data) };
  } catch (error) {
    return { ok: false, errors: [formatProblem(fileName, { path: [], message: `cannot read the scenario: ${(error as Error)?.message ?? String(error)}` })] };
  }
}

/** zod reports a missing key as a wrong type ("expected string, received undefined"). */
export function requiredFieldMessage(issue: { code?: string; input?: unknown }): string | undefined {
  return issue.code === "invalid_type" && issue.input === undefined ? "is required" : undefined;
}

function toScenario(file: ScenarioFile): Scenario {
  return {
    name: file.name,
    ...(file.description !== undefined ? { description: file.description } : {}),
    hosts: file.hosts.map((host) => ({ name: host.name, role: host.role, ...(host.node !== undefined ? { node: host.node } : {}) })),
    setup: file.setup.map(toSetupItem),
    listen: Object.fromEntries(Object.entries(file.listen).map(([host, listeners]) => [host, listeners.map(toListener)])),
    probes: file.probes,
    ...(file.expect !== undefined ? { expect: file.expect } : {}),
  };
}

/** A one-line item written as a block scalar loses its final newline; a multi-line item keeps its text (command + stdin). */
export function toSetupItem(item: Record<string, string>): SetupItem {
  const [host, text] = Object.entries(item)[0]!;
  const withoutTrailingNewlines = text.replace(/\n+$/, "");
  return { host, line: withoutTrailingNewlines.includes("\n") ? text : withoutTrailingNewlines };
}

export function toListener(text: string): Listener {
  const match = LISTENER.exec(text)!;
  return { proto: match[1] as Listener["proto"], port: Number(match[2]) };
}

export function pathKey(key: PropertyKey): string | number {
  return typeof key === "number" ? key : String(key);
}

/** ["probes", 2, "to"] -> "probes[2].to". */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map((key, index) => (typeof key === "number" ? `[${key}]` : index === 0 ? key : `.${key}`)).join("");
}

export function formatProblem(fileName: string | undefined, problem: FieldProblem): string {
  const parts = [fileName, problem.path.length > 0 ? formatPath(problem.path) : undefined, problem.message].filter((part) => part !== undefined);
  return parts.join(": ");
}
