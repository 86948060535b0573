/**
 * The scenario file as written (shared/spec/SCENARIO.md "File"), before it becomes a Scenario:
 * setup items are one-key maps HOST: LINE and listeners are "proto/port" strings. Shapes and
 * single-field rules live here; references between fields are checked in references.ts.
 */
import { z } from "zod";
import { dottedQuadProblem } from "./dotted-quad";

export const SCENARIO_NAME = /^[a-z0-9-]+$/;
export const HOST_NAME = /^[a-z][a-z0-9-]{0,14}$/;
export const LISTENER = /^(tcp|udp)\/([0-9]+)$/;

const hostName = z.string().regex(HOST_NAME, "must match [a-z][a-z0-9-]{0,14}");

const dottedQuad = z.string({ error: (issue) => (issue.input === undefined ? "is required" : `must be a dotted quad like 10.0.0.1, not the ${typeof issue.input} ${String(issue.input)}`) }).superRefine((text, ctx) => {
  const problem = dottedQuadProblem(text);
  if (problem) ctx.addIssue({ code: "custom", message: `"${text}" ${problem}` });
});

const port = z.number().int().min(1, "must be 1-65535").max(65535, "must be 1-65535");

export const hostSchema = z.strictObject({
  name: hostName,
  role: z.enum(["node", "pod", "external", "router"]),
  node: hostName.optional(),
});

export const setupItemSchema = z
  .record(z.string(), z.string().refine((line) => line.trim() !== "", "the command line is empty"))
  .refine((item) => Object.keys(item).length === 1, "a setup item is one HOST: COMMAND pair");

const listenerSchema = z.string().superRefine((text, ctx) => {
  const match = LISTENER.exec(text);
  if (!match) ctx.addIssue({ code: "custom", message: `"${text}" is not a listener (tcp/PORT or udp/PORT)` });
  else if (Number(match[2]) < 1 || Number(match[2]) > 65535) ctx.addIssue({ code: "custom", message: `"${text}": port must be 1-65535` });
});

/** A probe's fields; probeSchema adds the rules between them. */
export const probeFields = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "must be letters, digits, '.', '_' or '-'"),
  from: hostName,
  to: dottedQuad,
  proto: z.enum(["tcp", "udp", "icmp"]),
  port: port.optional(),
  src: dottedQuad.optional(),
  size: z.number().int().min(0, "must be 0-65507").max(65507, "must be 0-65507").optional(),
  df: z.boolean().optional(),
});

type ProbeShape = { proto: "tcp" | "udp" | "icmp"; port?: number | undefined; size?: number | undefined; df?: boolean | undefined };

/** port only for tcp/udp (and required there); size and df only for icmp. */
export function checkProbeFields(probe: ProbeShape, ctx: z.RefinementCtx): void {
  if (probe.proto !== "icmp" && probe.port === undefined) ctx.addIssue({ code: "custom", path: ["port"], message: `is required for ${probe.proto}` });
  if (probe.proto === "icmp" && probe.port !== undefined) ctx.addIssue({ code: "custom", path: ["port"], message: "is not allowed for icmp" });
  for (const key of ["size", "df"] as const) {
    if (probe.proto !== "icmp" && probe[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], message: "is only for icmp probes" });
  }
}

export const probeSchema = probeFields.superRefine(checkProbeFields);

export const expectedOutcomeSchema = z.strictObject({
  result: z.enum(["connected", "reply", "refused", "unreachable", "timeout", "local-error"]).optional(),
  server: hostName.optional(),
  seenSrc: dottedQuad.optional(),
  seenDst: dottedQuad.optional(),
  seenPort: port.optional(),
  replyFrom: dottedQuad.optional(),
  p: z.number().min(0, "must be 0-1").max(1, "must be 0-1").optional(),
});

export const scenarioFileSchema = z.strictObject(
  {
  name: z.string().regex(SCENARIO_NAME, "must match [a-z0-9-]+"),
  description: z.string().optional(),
  hosts: z.array(hostSchema).min(1, "at least one host is needed"),
  setup: z.array(setupItemSchema).default([]),
  listen: z.record(z.string(), z.array(listenerSchema)).default({}),
  probes: z.array(probeSchema).default([]),
  expect: z.record(z.string(), z.array(expectedOutcomeSchema)).optional(),
  },
  {
    // Only the object's own issues reach this map: a wrong type here is the whole file's.
    error: (issue) => (issue.code === "invalid_type" ? "a scenario file is a mapping with name, hosts, setup, listen and probes" : undefined),
  },
);

export type ScenarioFile = z.infer<typeof scenarioFileSchema>;
