/**
 * The level file (content/levels/*.yaml) as a zod schema. Types are inferred from it and
 * checked against the engine's Level (engine/judge/types.ts), which the judge, the game rules
 * and the server share. Shapes and single-field rules live here; references between fields
 * (hosts, goal ids, placeholders) are checked in references.ts.
 */
import { z } from "zod";
import type { Level } from "../../engine/judge/types";
import { checkProbeFields, expectedOutcomeSchema, HOST_NAME, hostSchema, probeFields, setupItemSchema } from "../scenario/schema";
import { clusterSchema } from "./cluster-schema";

export const LEVEL_ID = /^[a-z0-9][a-z0-9-]*$/;
export const LOCALE = /^[a-z]{2}(-[A-Z]{2})?$/;
export const TRACKS = ["pod", "node", "cross-node", "overlay", "services", "egress", "nodeport"] as const;

const hostName = z.string().regex(HOST_NAME, "must match [a-z][a-z0-9-]{0,14}");

/** English always, other locales by key ("de", "pt-BR"). */
export const localText = z
  .object({ en: z.string().trim().min(1, "the English text is empty") })
  .catchall(z.string())
  .superRefine((text, ctx) => {
    for (const key of Object.keys(text)) if (!LOCALE.test(key)) ctx.addIssue({ code: "custom", path: [key], message: `"${key}" is not a locale like en or pt-BR` });
  });

/** A scenario probe without its id: the judge names it after the goal. */
const checkedGoalProbe = probeFields.omit({ id: true }).superRefine(checkProbeFields);

const goalId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be lowercase letters, digits and '-'");
const goalBase = { id: goalId, text: localText };

export const goalSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("reach"), ...goalBase, probe: checkedGoalProbe, servers: z.array(hostName).min(1).optional(), seenSrc: expectedOutcomeSchema.shape.seenSrc }),
  z.strictObject({ kind: z.literal("blocked"), ...goalBase, probe: checkedGoalProbe, result: z.enum(["refused", "unreachable", "timeout"]).optional() }),
  z.strictObject({ kind: z.literal("balanced"), ...goalBase, probe: checkedGoalProbe, servers: z.array(hostName).min(2, "balancing needs at least two servers"), minP: z.number().gt(0, "must be above 0").max(1, "must be at most 1") }),
  z.discriminatedUnion("what", [
    z.strictObject({ kind: z.literal("keep"), ...goalBase, what: z.literal("pod-ips") }),
    z.strictObject({ kind: z.literal("keep"), ...goalBase, what: z.literal("output"), host: hostName, show: z.string().min(1) }),
  ]),
  z.strictObject({ kind: z.literal("invariant"), ...goalBase, invariant: z.enum(["pod-to-pod-no-nat", "nodes-reach-pods"]) }),
]);

const startSchema = z.union([
  z.strictObject({
    scenario: z.strictObject({
      hosts: z.array(hostSchema).min(1, "at least one host is needed"),
      setup: z.array(setupItemSchema).default([]),
      listen: z.record(z.string(), z.array(z.string())).default({}),
    }),
  }),
  z.strictObject({ cluster: clusterSchema, listen: z.record(z.string(), z.array(z.string())).default({}) }),
], { error: () => "start is either { scenario: { hosts, setup, listen } } or { cluster: {...}, listen }" });

export const forbiddenSchema = z.strictObject({
  command: z.enum(["ip", "bridge", "iptables", "iptables-restore", "sysctl", "conntrack"]),
  object: z.enum(["link", "addr", "route", "neigh", "fdb"]).optional(),
  table: z.enum(["raw", "mangle", "nat", "filter"]).optional(),
  chain: z.string().regex(/^[A-Za-z0-9_*-]+$/, "a chain name, * as wildcard").optional(),
  hosts: z.array(hostName).optional(),
  reason: localText,
});

export const paramSchema = z.union([
  z.strictObject({ pick: z.array(z.union([z.string(), z.number()])).min(2, "a parameter picks from at least two values") }),
  z.strictObject({ range: z.tuple([z.number().int(), z.number().int()]) }).refine((p) => p.range[0] < p.range[1], "range is [low, high] with low < high"),
]);

/** What every level file holds once its `{{placeholders}}` are filled. */
export const levelSchema = z.strictObject({
  id: z.string().regex(LEVEL_ID, "must be lowercase letters, digits and '-'"),
  title: localText,
  track: z.enum(TRACKS),
  order: z.number().int().min(1),
  difficulty: z.number().int().min(1, "must be 1-5").max(5, "must be 1-5"),
  minutes: z.number().int().min(1).max(120),
  mode: z.enum(["build", "fix"]),
  briefing: localText,
  success: localText,
  params: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, "a parameter name is a word"), paramSchema).optional(),
  start: startSchema,
  break: z.array(setupItemSchema).default([]),
  editable: z.array(hostName).min(1, "the student needs at least one host to type on"),
  forbidden: z.array(forbiddenSchema).default([]),
  goals: z.array(goalSchema).min(1, "a level needs at least one goal"),
  hints: z.array(localText).min(1, "give at least one hint"),
  solution: z.array(setupItemSchema).min(1, "a reference solution is required"),
  par: z.number().int().min(1).optional(),
});

export type LevelFile = z.infer<typeof levelSchema>;
export type GoalFile = z.infer<typeof goalSchema>;

/** The inferred goal type is the engine's Goal (readonly aside). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Writable<T> = T extends readonly (infer U)[] ? Writable<U>[] : T extends object ? { -readonly [K in keyof T]: Writable<T[K]> } : T;
export const goalSchemaMatchesEngine: Same<Writable<GoalFile>, Writable<Level["goals"][number]>> = true;
