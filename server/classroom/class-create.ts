/** Creating a class: its levels (a track, or chosen level ids), pacing, variants, and a fresh join code. */
import { z } from "zod";
import { levelIdSchema, titleSchema, type ClassStateView } from "../../game/class-protocol";
import { newId, newSeed } from "../play/ids";
import type { ClassStore } from "./class-store";
import { initialMachineJson } from "./class-snapshot";
import { classStateView } from "./class-views";
import { newJoinCode } from "./join-code";
import { levelInfo, TRACK_IDS, trackLevelIds } from "./level-info";

export const MAX_CLASS_LEVELS = 50;

export const createClassSchema = z
  .strictObject({
    title: titleSchema,
    /** Every level of one track, in order ... */
    track: z.enum(TRACK_IDS, { error: `must be one of ${TRACK_IDS.join(", ")}` }).optional(),
    /** ... or these levels, in this order. */
    levelIds: z.array(levelIdSchema).min(1, "needs at least one level").max(MAX_CLASS_LEVELS, `has more than ${MAX_CLASS_LEVELS} levels`).optional(),
    pacing: z.enum(["free", "unlocked"], { error: 'must be "free" or "unlocked"' }).default("free"),
    variants: z.boolean({ error: "must be true or false" }).default(false),
    stuckMinutes: z.number({ error: "must be a number" }).int("must be whole minutes").min(1, "must be 1-120").max(120, "must be 1-120").default(5),
  })
  .refine((c) => (c.track === undefined) !== (c.levelIds === undefined), { message: "give either track or levelIds, not both and not neither", path: ["levelIds"] });

export type CreateClassInput = z.infer<typeof createClassSchema>;
export type CreateClassResult = { ok: true; class: ClassStateView } | { ok: false; status: 400 | 503; error: string };

export function createClass(store: ClassStore, instructorId: string, input: CreateClassInput, now: string): CreateClassResult {
  const levelIds = input.track ? trackLevelIds(input.track) : input.levelIds!;
  const unknown = levelIds.filter((id) => !levelInfo(id));
  if (unknown.length > 0) return { ok: false, status: 400, error: `levelIds: there is no level ${unknown.map((id) => `"${id}"`).join(", ")}` };
  if (new Set(levelIds).size !== levelIds.length) return { ok: false, status: 400, error: "levelIds: a level is listed twice" };
  if (levelIds.length === 0) return { ok: false, status: 400, error: `track: ${input.track} has no levels` };

  // A clash with an open class's code is rare (31^6 codes); try a few fresh ones.
  for (let tries = 0; tries < 20; tries++) {
    const row = {
      id: newId(),
      instructorId,
      title: input.title,
      code: newJoinCode(),
      levelIds,
      pacing: input.pacing,
      variants: input.variants,
      seed: newSeed(),
      stuckMinutes: input.stuckMinutes,
      status: "lobby" as const,
      machine: initialMachineJson(levelIds.length, input.pacing),
      createdAt: now,
    };
    if (store.insertClass(row)) return { ok: true, class: classStateView(row) };
  }
  return { ok: false, status: 503, error: "could not find a free join code; try again" };
}
