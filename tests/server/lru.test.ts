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
});
