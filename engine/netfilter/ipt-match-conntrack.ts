/** The conntrack (--ctstate) and state (--state) matches. */
import { param, podpath, stop } from "./ipt-errors";
import type { MatchInstance, OptCall, OptEntry } from "./ipt-ext";
import type { CtState, Match } from "./types";

/** The order iptables prints states in (the bit order of XT_STATE_* and XT_CONNTRACK_STATE_*). */
export const CT_STATE_ORDER: readonly CtState[] = ["INVALID", "NEW", "RELATED", "ESTABLISHED", "UNTRACKED", "SNAT", "DNAT"];

function parseStates(text: string, allowed: readonly CtState[], what: "ctstate" | "state", column: number): CtState[] {
  const seen = new Set<CtState>();
  for (const word of text.split(",")) {
    const s = allowed.find((a) => a === word.toUpperCase());
    if (!s) stop(param(`Bad ${what} "${word}"`, column));
    seen.add(s!);
  }
  return CT_STATE_ORDER.filter((s) => seen.has(s));
}

const CT_OTHER = ["ctproto", "ctorigsrc", "ctorigdst", "ctreplsrc", "ctrepldst", "ctorigsrcport", "ctorigdstport", "ctreplsrcport", "ctrepldstport", "ctstatus", "ctexpire", "ctdir"];
const CONNTRACK_OPTIONS: readonly OptEntry[] = [{ name: "ctstate", arg: true, invert: true }, ...CT_OTHER.map((name) => ({ name, arg: true, invert: true }))];
const STATE_OPTIONS: readonly OptEntry[] = [{ name: "state", arg: true, invert: true, mand: true }];

export function conntrackMatch(): MatchInstance {
  let states: CtState[] | undefined;
  let negate = false;
  return {
    name: "conntrack",
    options: CONNTRACK_OPTIONS,
    parse(call: OptCall) {
      if (call.name !== "ctstate") stop(podpath(`PodPath does not model "--${call.name}" of -m conntrack; only --ctstate.`, call.column));
      states = parseStates(call.arg, CT_STATE_ORDER, "ctstate", call.argColumn);
      negate = call.invert;
    },
    check(seen, _env, column) {
      if (seen.size === 0) stop(param("conntrack: At least one option is required", column));
    },
    build: (): Match => ({ kind: "conntrack", ctstate: { value: states!, negate } }),
  };
}

export function stateMatch(): MatchInstance {
  let states: CtState[] | undefined;
  let negate = false;
  return {
    name: "state",
    options: STATE_OPTIONS,
    parse(call: OptCall) {
      states = parseStates(call.arg, ["INVALID", "NEW", "RELATED", "ESTABLISHED", "UNTRACKED"], "state", call.argColumn);
      negate = call.invert;
    },
    check() {},
    build: (): Match => ({ kind: "state", state: { value: states!, negate } }),
  };
}
