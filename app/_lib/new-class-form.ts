/**
 * The "New class" form's values, checked in the browser before anything is sent, by the rules
 * POST /api/classes applies (server/classroom/class-create.ts); the server checks again. An
 * error names the field it is about, so the form can point at it. Pure.
 */
import type { MAX_TITLE_CHARS as MaxTitleChars } from "../../game/class-protocol";

// The protocol module holds zod schemas: only its types come to the browser (the type pins the value).
const MAX_TITLE_CHARS: typeof MaxTitleChars = 100;

/** What the API uses when the form sends none (server/classroom/class-create.ts). */
export const DEFAULT_STUCK_MINUTES = 5;
export const MAX_CLASS_LEVELS = 50;

export interface NewClassFields {
  readonly title: string;
  readonly levelsFrom: "track" | "levels";
  readonly track: string;
  readonly levelIds: readonly string[];
  readonly pacing: string;
  readonly variants: boolean;
  readonly stuckMinutes: string;
}

export interface NewClassBody {
  readonly title: string;
  readonly track?: string;
  readonly levelIds?: readonly string[];
  readonly pacing: "free" | "unlocked";
  readonly variants: boolean;
  readonly stuckMinutes: number;
}

export type NewClassField = "title" | "track" | "levelIds" | "pacing" | "stuckMinutes";
export type NewClassCheck = { ok: true; body: NewClassBody } | { ok: false; field: NewClassField; error: string };

const INVISIBLE = /[\p{Cc}\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/u;

export function checkNewClass(fields: NewClassFields, known: { readonly tracks: readonly string[]; readonly levels: readonly string[] }): NewClassCheck {
  const fail = (field: NewClassField, error: string): NewClassCheck => ({ ok: false, field, error });
  const title = fields.title.normalize("NFC").trim().replace(/\s+/gu, " ");
  if (title.length === 0) return fail("title", "Title: give the class a title");
  if ([...title].length > MAX_TITLE_CHARS) return fail("title", `Title: at most ${MAX_TITLE_CHARS} characters`);
  if (INVISIBLE.test(title)) return fail("title", "Title: has control or invisible characters");

  let levels: { track: string } | { levelIds: readonly string[] };
  if (fields.levelsFrom === "track") {
    if (!known.tracks.includes(fields.track)) return fail("track", "Track: choose one of the tracks");
    levels = { track: fields.track };
  } else {
    if (fields.levelIds.length === 0) return fail("levelIds", "Levels: choose at least one level");
    if (fields.levelIds.length > MAX_CLASS_LEVELS) return fail("levelIds", `Levels: at most ${MAX_CLASS_LEVELS} levels`);
    const unknown = fields.levelIds.find((id) => !known.levels.includes(id));
    if (unknown !== undefined) return fail("levelIds", `Levels: there is no level "${unknown}"`);
    levels = { levelIds: [...new Set(fields.levelIds)] };
  }

  if (fields.pacing !== "free" && fields.pacing !== "unlocked") return fail("pacing", "Pacing: choose free or instructor-unlocked");
  const minutesText = fields.stuckMinutes.trim();
  if (!/^\d{1,3}$/.test(minutesText)) return fail("stuckMinutes", "Stuck after: whole minutes, 1 to 120");
  const stuckMinutes = Number(minutesText);
  if (stuckMinutes < 1 || stuckMinutes > 120) return fail("stuckMinutes", "Stuck after: whole minutes, 1 to 120");

  return { ok: true, body: { title, ...levels, pacing: fields.pacing, variants: fields.variants, stuckMinutes } };
}
