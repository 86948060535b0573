/**
 * The results of a pure parse for the last few texts it read, least recently used first
 * (bounded in count, and in text length: longer texts are parsed each time rather than kept).
 *
 * The same text comes back often: a level's setup runs again for every check and every replay,
 * and kube-proxy writes the same block on every node. Parse results are immutable values, so
 * they are shared. A hit on the string a level or scenario holds is cheap: V8 keeps a string's
 * hash in the string and compares a string with itself by identity.
 */
export class RecentParses<T> {
  private byText = new Map<string, T>();

  constructor(
    private readonly limit: number,
    readonly maxLength: number,
  ) {
    everyCache.push(this);
  }

  /** The kept result for `text`, now the most recently used, or undefined. */
  get(text: string): T | undefined {
    const kept = this.byText.get(text);
    if (kept !== undefined) {
      this.byText.delete(text);
      this.byText.set(text, kept);
    }
    return kept;
  }

  /** Keeps `result` for `text` (if the text is short enough), dropping the least recently used beyond the limit. */
  keep(text: string, result: T): T {
    if (text.length > this.maxLength) return result;
    if (this.byText.size >= this.limit) this.byText.delete(this.byText.keys().next().value!);
    this.byText.set(text, result);
    return result;
  }

  forget(): void {
    // A new Map rather than clear(): V8's clear() leaves the old table pointing at the new one,
    // entries and all, so every text ever forgotten stays reachable from the next table.
    this.byText = new Map();
  }
}

const everyCache: RecentParses<unknown>[] = [];

/** Empties every cache of parses: for benchmarks that time a first parse. Results never depend on them. */
export function forgetParsedCommands(): void {
  for (const cache of everyCache) cache.forget();
}
