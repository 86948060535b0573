import type { NetState } from "../model/types";

/** What applying one command line did: the new state and what the command printed, or an error. */
export type ApplyResult =
  | { readonly ok: true; readonly state: NetState; readonly output: string }
  | { readonly ok: false; readonly error: string; readonly column?: number };

export const done = (state: NetState, output = ""): ApplyResult => ({ ok: true, state, output });
export const refuse = (error: string, column?: number): ApplyResult =>
  column === undefined ? { ok: false, error } : { ok: false, error, column };
