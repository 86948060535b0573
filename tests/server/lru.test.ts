import { describe, expect, it } from "vitest";
import { Lru } from "../../server/play/lru";

describe("Lru", () => {
  it("forgets the least recently used entry beyond its capacity; a read counts as a use", () => {
    const lru = new Lru<string, number>(2);
    lru.set("a", 1);
    lru.set("b", 2);
    expect(lru.get("a")).toBe(1);
    lru.set("c", 3);
    expect([lru.get("a"), lru.get("b"), lru.get("c"), lru.size]).toEqual([1, undefined, 3, 2]);
    expect(() => new Lru(0)).toThrow(RangeError);
  });

  it("keeps the entries read since they were added while it forgets unread older ones, at any size", () => {
    for (const capacity of [1, 2, 5, 64]) {
      const lru = new Lru<number, string>(capacity);
      for (let i = 0; i < capacity; i++) lru.set(i, `v${i}`);
      const read = Array.from({ length: capacity }, (_, i) => i).filter((i) => i % 3 === 1);
      for (const i of read) expect(lru.get(i)).toBe(`v${i}`);
      const added = capacity - read.length;
      for (let i = 0; i < added; i++) lru.set(1000 + i, "new");
      expect(lru.size).toBe(capacity);
      for (const i of read) expect(lru.get(i), `capacity ${capacity}, entry ${i}`).toBe(`v${i}`);
      for (let i = 0; i < added; i++) expect(lru.get(1000 + i)).toBe("new");
      // A value set again is the new value; a deleted key is gone.
      lru.set(1000, "again");
      expect(lru.get(1000)).toBe("again");
      lru.delete(1000);
      expect(lru.get(1000)).toBeUndefined();
    }
  });
});
