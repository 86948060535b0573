import type { NetState } from "../model/types";

/**
 * What applying one command line did: the new state and what the command printed, or an error.
 * A refused line changes nothing ([SC1]), with one exception the kernel makes: iptables-restore
 * keeps the table blocks it COMMITted before the one that failed, and then `state` carries them
 * ([IPT15]).
 */
export type ApplyResult =
  | { readonly ok: true; readonly state: NetState; readonly output: string }
  | { readonly ok: false; readonly error: string; readonly column?: number; readonly state?: NetState };

export const done = (state: NetState, output = ""): ApplyResult => ({ ok: true, state, output });
export const refuse = (error: string, column?: number): ApplyResult =>
  column === undefined ? { ok: false, error } : { ok: false, error, column };
/** A refusal after changes that stay (iptables-restore's committed blocks). */
export const refuseAfter = (error: string, state: NetState): ApplyResult => ({ ok: false, error, state });
