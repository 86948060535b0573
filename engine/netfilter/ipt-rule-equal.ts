/**
 * [IPT9] -D and -C find a rule by its parsed form: what iptables-save would print, in the
 * same order, ignoring counters (and xt_statistic's running count).
 */
import type { Rule } from "./types";

const IGNORED = new Set(["counters", "count"]);

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => same(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) {
    if (IGNORED.has(k)) continue;
    if (!same(ao[k], bo[k])) return false;
  }
  return true;
}

export const sameRule = (a: Rule, b: Rule): boolean => same(a, b);
