/** The comment, mark and statistic matches. */
import { param, podpath, stop } from "./ipt-errors";
import { badInteger, badValue, type MatchInstance, type OptCall, type OptEntry } from "./ipt-ext";
import { strtoui, strtoul0, truncateUtf8 } from "./ipt-values";
import type { Match } from "./types";

const COMMENT_OPTIONS: readonly OptEntry[] = [{ name: "comment", arg: true, mand: true }];

/** XT_MAX_COMMENT_LEN is 256 with the NUL: longer comments are cut to 255 bytes, silently. */
export function commentMatch(): MatchInstance {
  let text = "";
  return {
    name: "comment",
    options: COMMENT_OPTIONS,
    parse(call: OptCall) {
      text = truncateUtf8(call.arg, 255);
    },
    check() {},
    build: (): Match => ({ kind: "comment", text }),
  };
}

/** XTTYPE_MARKMASK32: VALUE[/MASK], each a strtoul base-0 number up to 0xffffffff. */
export function parseMarkMask(ext: string, option: string, text: string, column: number, allowMask = true): { value: number; mask: number } {
  const v = strtoul0(text);
  if (!v || v.negative || v.value > 0xffffffff) return badInteger(ext, option, column);
  let mask = 0xffffffff;
  let end = v.end;
  if (allowMask && text[end] === "/") {
    const rest = text.slice(end + 1);
    const m = strtoul0(rest);
    if (!m || m.negative || m.value > 0xffffffff) return badInteger(ext, option, column);
    mask = m.value;
    end += 1 + m.end;
  }
  if (end !== text.length) stop(param(`${ext}: trailing garbage after value for option "--${option}".\n`, column));
  return { value: v.value, mask };
}

const MARK_OPTIONS: readonly OptEntry[] = [{ name: "mark", arg: true, invert: true, mand: true }];

export function markMatch(): MatchInstance {
  let mark: { value: { value: number; mask: number }; negate: boolean } | undefined;
  return {
    name: "mark",
    options: MARK_OPTIONS,
    parse(call: OptCall) {
      mark = { value: parseMarkMask("mark", "mark", call.arg, call.argColumn), negate: call.invert };
    },
    check() {},
    build: (): Match => ({ kind: "mark", mark: mark! }),
  };
}

const STATISTIC_OPTIONS: readonly OptEntry[] = [
  { name: "mode", arg: true, mand: true },
  { name: "probability", arg: true, invert: true, excl: ["every", "packet"] },
  { name: "every", arg: true, invert: true, also: ["packet"] },
  { name: "packet", arg: true, also: ["every"] },
];

const FLOAT = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * libxt_statistic. The kernel keeps the probability as a 31-bit fraction
 * (lround(p * 2^31)), so iptables-save prints 0.5 back as 0.50000000000 and 0.2 as
 * 0.20000000019; PodPath stores that same value. --every n is stored as n-1 and the per-rule
 * count starts at (n-1) - p, so the rule matches packets p, p+n, p+2n... ([LB2]).
 */
export function statisticMatch(): MatchInstance {
  let mode: "random" | "nth" = "random";
  let probability = 0;
  let every = 0;
  let packet = 0;
  return {
    name: "statistic",
    options: STATISTIC_OPTIONS,
    parse(call: OptCall) {
      if (call.invert) stop(podpath(`PodPath does not model "! --${call.name}" in -m statistic.`, call.column));
      switch (call.name) {
        case "mode":
          if (call.arg !== "random" && call.arg !== "nth") stop(param(`Bad mode "${call.arg}"`, call.argColumn));
          mode = call.arg as "random" | "nth";
          return;
        case "probability": {
          const p = FLOAT.test(call.arg) ? Number(call.arg) : NaN;
          if (!(p >= 0 && p <= 1)) badValue("statistic", "probability", 0, 1, call.argColumn);
          probability = Math.round(p * 0x80000000) / 0x80000000;
          return;
        }
        case "every": {
          const n = strtoui(call.arg, 1, 0xffffffff);
          if (n === undefined) badValue("statistic", "every", 1, 4294967295, call.argColumn);
          every = n! - 1;
          return;
        }
        default: {
          const n = strtoui(call.arg, 0, 0xffffffff);
          if (n === undefined) badValue("statistic", "packet", 0, 4294967295, call.argColumn);
          packet = n!;
        }
      }
    },
    check(seen, _env, column) {
      if (mode === "random" && !seen.has("probability")) stop(param("--probability must be specified when using random mode", column));
      if (mode === "nth" && !seen.has("every") && !seen.has("packet")) stop(param("--every and --packet must be specified when using nth mode", column));
      if (packet > every) stop(param("the --packet p must be 0 <= p <= n-1", column));
    },
    build(): Match {
      if (mode === "random") return { kind: "statistic", mode, probability };
      return { kind: "statistic", mode, every: every + 1, packet, count: every - packet };
    },
  };
}
