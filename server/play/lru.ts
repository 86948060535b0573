/**
 * A map that forgets its least recently used entries beyond `capacity` entries, the way a
 * "second chance" clock does: a read only marks the entry used (a number stored in it), and
 * when the map grows past its capacity the oldest entries are looked at in insertion order,
 * the used ones moved to the back with their mark cleared, the first unused one forgotten.
 *
 * A read that moved the entry itself (delete and set again, as a strict LRU over Map does)
 * wrote two pointers into a table of thousands of entries on every read; in a play worker at
 * 2,000 students, with the old generation being marked, that was a few µs each, eight times a job.
 */
interface Entry<V> {
  value: V;
  /** 1 when read or set since the clock last passed it. */
  used: number;
}

export class Lru<K, V> {
  private readonly entries = new Map<K, Entry<V>>();

  constructor(private readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError(`an LRU needs a capacity of at least 1, not ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    entry.used = 1;
    return entry.value;
  }

  set(key: K, value: V): void {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      entry.value = value;
      entry.used = 1;
      return;
    }
    this.entries.set(key, { value, used: 0 });
    if (this.entries.size > this.capacity) this.evictOne(key);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  /** Forget the oldest entry not used since the clock last passed it (never `added`, the entry just set). */
  private evictOne(added: K): void {
    for (;;) {
      const [key, entry] = this.entries.entries().next().value as [K, Entry<V>];
      this.entries.delete(key);
      if (entry.used === 0 || key === added) {
        if (key === added) this.entries.set(key, entry);
        else return;
      } else {
        entry.used = 0;
        this.entries.set(key, entry);
      }
    }
  }
}
