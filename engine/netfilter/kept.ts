/** Values derived from a ruleset value, kept on the value itself. */

/**
 * Keep `built` on `value` as a non-enumerable symbol property (printing, comparing and copying
 * never see it) and give it back. Each caller reads its key itself, `(value as Keeps<V>)[KEY]`:
 * one shared reader would see every kind of value and its property load would go megamorphic.
 * Keyed by the value's identity: safe because ruleset values are never changed in place. Not a
 * WeakMap: V8's young-generation collector keeps a WeakMap's values alive, so every index built
 * since the last full collection, with the chains and rules it points to, was copied and promoted.
 */
export function keep<K extends object, V>(value: K, key: symbol, built: V): V {
  Object.defineProperty(value, key, { value: built });
  return built;
}

/** A value as the reader of a kept key sees it. */
export type Keeps<V> = Record<symbol, V | undefined>;
