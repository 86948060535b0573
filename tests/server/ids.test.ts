/** Random ids and seeds, drawn from a pool of CSPRNG bytes that hands out each byte once. */
import { describe, expect, it } from "vitest";
import { newId, newSeed } from "../../server/play/ids";

describe("newId and newSeed", () => {
  it("give 22-character URL-safe ids that never repeat across many refills of the pool", () => {
    // 4 KB a refill is 256 ids: 3,000 ids and seeds in turn cross the pool's end at every offset.
    const ids = new Set<string>();
    const seeds = new Set<number>();
    for (let i = 0; i < 3000; i++) {
      const id = newId();
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      ids.add(id);
      const seed = newSeed();
      expect(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32).toBe(true);
      seeds.add(seed);
    }
    expect(ids.size).toBe(3000);
    // 3,000 draws of 32 bits: a repeat has odds of about 1 in 1,000; more than two means bytes were reused.
    expect(seeds.size).toBeGreaterThan(2997);
  });
});
