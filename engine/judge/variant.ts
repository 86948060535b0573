/**
 * Per-student variants: a level declares parameters, a seed picks their values, and every
 * `{{name}}` in the level's text is replaced. The same seed always gives the same level
 * ([JV1]); the pick for one parameter does not depend on the others ([JV2]).
 */

export type ParamSpec =
  | { readonly pick: readonly (string | number)[] }
  /** Integers lo..hi inclusive. */
  | { readonly range: readonly [number, number] };

export type ParamValues = Readonly<Record<string, string | number>>;

/** A 32-bit mix of the seed and the parameter's name (splitmix-style finalizer). */
function mix(seed: number, name: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x85ebca6b) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** [JV1] The values a seed gives. A level without parameters has one variant whatever the seed. */
export function chooseParams(params: Readonly<Record<string, ParamSpec>>, seed: number): ParamValues {
  const values: Record<string, string | number> = {};
  for (const name of Object.keys(params).sort()) {
    const spec = params[name]!;
    const r = mix(seed >>> 0, name);
    if ("pick" in spec) values[name] = spec.pick[r % spec.pick.length]!;
    else values[name] = spec.range[0] + (r % (spec.range[1] - spec.range[0] + 1));
  }
  return values;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;
const WHOLE_PLACEHOLDER = /^\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}$/;

/** Placeholder names used anywhere in a value, so a level check can name unknown ones. */
export function placeholdersIn(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (typeof value === "string") for (const m of value.matchAll(PLACEHOLDER)) found.add(m[1]!);
  else if (Array.isArray(value)) for (const item of value) placeholdersIn(item, found);
  else if (value !== null && typeof value === "object") for (const item of Object.values(value)) placeholdersIn(item, found);
  return found;
}

/**
 * [JV3] Every `{{name}}` in every string becomes the value; a string that is exactly one
 * placeholder of a number becomes that number (so `port: "{{port}}"` stays a number).
 */
export function fillPlaceholders(value: unknown, values: ParamValues): unknown {
  if (typeof value === "string") {
    const whole = WHOLE_PLACEHOLDER.exec(value);
    if (whole && whole[1]! in values) return values[whole[1]!];
    return value.replace(PLACEHOLDER, (text, name: string) => (name in values ? String(values[name]) : text));
  }
  if (Array.isArray(value)) return value.map((item) => fillPlaceholders(item, values));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = fillPlaceholders(item, values);
    return out;
  }
  return value;
}
