import { describe, expect, it } from "vitest";
import { lazyModule } from "../../app/_lib/lazy-module";

describe("lazy module", () => {
  it("imports once, and holds the module once it is here", async () => {
    let calls = 0;
    const m = lazyModule(async () => {
      calls++;
      return { answer: 42 };
    });
    expect(m.loaded).toBeUndefined();
    const [a, b] = await Promise.all([m.load(), m.load()]);
    expect(a).toBe(b);
    expect(calls).toBe(1);
    expect(m.loaded).toBe(a);
    await m.load();
    expect(calls).toBe(1);
  });

  it("tries again after a failed import", async () => {
    let calls = 0;
    const m = lazyModule(async () => {
      calls++;
      if (calls === 1) throw new Error("offline");
      return { ok: true };
    });
    await expect(m.load()).rejects.toThrow("offline");
    expect(m.loaded).toBeUndefined();
    await expect(m.load()).resolves.toEqual({ ok: true });
    expect(calls).toBe(2);
  });
});
