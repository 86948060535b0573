/**
 * The join form's checks, run in the browser before anything is sent: the same rules as the
 * server's joinCodeSchema and nicknameSchema (game/class-protocol.ts), without zod, so the join
 * page does not ship it. tests/ui/join-form.test.ts holds the two to the same answers.
 */
import type { JOIN_CODE_ALPHABET as Alphabet, JOIN_CODE_LENGTH as Length, MAX_NICKNAME_CHARS as MaxNick } from "@/game/class-protocol";

const ALPHABET: typeof Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const CODE_LENGTH: typeof Length = 6;
const MAX_NICKNAME: typeof MaxNick = 32;
// Control characters and the bidi overrides that make one text look like another (as the server's).
const INVISIBLE = /[\p{Cc}\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/u;

export type JoinField = "code" | "nickname";
export const FIELD_LABEL: Readonly<Record<JoinField, string>> = { code: "Join code", nickname: "Nickname" };

export type JoinCheck = { readonly ok: true; readonly code: string; readonly nickname: string } | { readonly ok: false; readonly field: JoinField; readonly error: string };

/** A code as typed, loosely: spaces and dashes dropped, letters upper-cased (`abc-234` is `ABC234`). */
export function normaliseJoinCode(typed: string): string {
  return typed.replace(/[\s-]/g, "").toUpperCase();
}

/** Why a (normalised) code cannot be a join code, or undefined if it can. */
export function joinCodeProblem(code: string): string | undefined {
  if (code.length === 0) return "is empty: type the 6 characters your instructor shows";
  const wrong = [...code].filter((c) => !ALPHABET.includes(c));
  if (wrong.length > 0) return `uses only ${ALPHABET.length} letters and digits (no 0, O, 1, I or L): "${wrong.join("")}" is not among them`;
  if (code.length !== CODE_LENGTH) return `must be ${CODE_LENGTH} characters (this has ${code.length})`;
  return undefined;
}

/** A nickname as the server stores it: NFC, trimmed, inner runs of spaces made one. */
export function normaliseNickname(typed: string): string {
  return typed.normalize("NFC").trim().replace(/\s+/gu, " ");
}

export function nicknameProblem(nickname: string): string | undefined {
  if (nickname.length === 0) return "is empty: pick the name your instructor will see";
  const chars = [...nickname].length;
  if (chars > MAX_NICKNAME) return `is longer than ${MAX_NICKNAME} characters (this has ${chars})`;
  if (INVISIBLE.test(nickname)) return "has control or invisible characters";
  return undefined;
}

/** Both fields, the code first: what to send, or the first field that is wrong and why. */
export function checkJoin(typedCode: string, typedNickname: string): JoinCheck {
  const code = normaliseJoinCode(typedCode);
  const codeError = joinCodeProblem(code);
  if (codeError) return { ok: false, field: "code", error: `${FIELD_LABEL.code} ${codeError}` };
  const nickname = normaliseNickname(typedNickname);
  const nickError = nicknameProblem(nickname);
  if (nickError) return { ok: false, field: "nickname", error: `${FIELD_LABEL.nickname} ${nickError}` };
  return { ok: true, code, nickname };
}
