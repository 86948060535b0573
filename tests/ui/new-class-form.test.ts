/** The "New class" form's checks (app/_lib/new-class-form.ts): a bad value names its field and nothing is sent. */
import { describe, expect, it } from "vitest";
import { checkNewClass, type NewClassFields } from "../../app/_lib/new-class-form";

const known = { tracks: ["pod", "node"], levels: ["pod-eth0-bringup", "svc-reach-service-b"] };
const fields = (over: Partial<NewClassFields> = {}): NewClassFields => ({ title: " Net  101 ", levelsFrom: "track", track: "pod", levelIds: [], pacing: "free", variants: false, stuckMinutes: "5", ...over });

describe("checkNewClass", () => {
  it("turns good values into the API's body (a track)", () => {
    expect(checkNewClass(fields({ variants: true, pacing: "unlocked", stuckMinutes: "12" }), known)).toEqual({
      ok: true,
      body: { title: "Net 101", track: "pod", pacing: "unlocked", variants: true, stuckMinutes: 12 },
    });
  });

  it("sends chosen levels, not a track, when levels are chosen", () => {
    const check = checkNewClass(fields({ levelsFrom: "levels", track: "pod", levelIds: ["svc-reach-service-b", "pod-eth0-bringup"] }), known);
    expect(check).toMatchObject({ ok: true, body: { levelIds: ["svc-reach-service-b", "pod-eth0-bringup"] } });
    expect(check.ok && "track" in check.body).toBe(false);
  });

  it("names the field of a bad value", () => {
    const bad = (over: Partial<NewClassFields>) => {
      const check = checkNewClass(fields(over), known);
      return check.ok ? "ok" : `${check.field}: ${check.error}`;
    };
    expect(bad({ title: "   " })).toBe("title: Title: give the class a title");
    expect(bad({ title: "x".repeat(101) })).toMatch(/^title: Title: at most 100/);
    expect(bad({ title: "a\u202Eb" })).toMatch(/^title:/);
    expect(bad({ track: "nope" })).toMatch(/^track: Track:/);
    expect(bad({ levelsFrom: "levels", levelIds: [] })).toBe("levelIds: Levels: choose at least one level");
    expect(bad({ levelsFrom: "levels", levelIds: ["made-up"] })).toMatch(/^levelIds: .*"made-up"/);
    expect(bad({ pacing: "fast" })).toMatch(/^pacing: Pacing:/);
    for (const m of ["0", "121", "2.5", "", "ten", "-3"]) expect(bad({ stuckMinutes: m }), m).toMatch(/^stuckMinutes: Stuck after:/);
    expect(bad({ stuckMinutes: "120" })).toBe("ok");
    expect(bad({ stuckMinutes: "1" })).toBe("ok");
  });
});

describe("the form's defaults and limits are the API's", () => {
  it("uses the stuck minutes and title limit POST /api/classes uses", async () => {
    const { createClassSchema, MAX_CLASS_LEVELS: serverMax } = await import("../../server/classroom/class-create");
    const { DEFAULT_STUCK_MINUTES, MAX_CLASS_LEVELS } = await import("../../app/_lib/new-class-form");
    expect(createClassSchema.parse({ title: "t", track: "pod" }).stuckMinutes).toBe(DEFAULT_STUCK_MINUTES);
    expect(MAX_CLASS_LEVELS).toBe(serverMax);
    expect(checkNewClass(fields({ title: "x".repeat(100) }), known).ok).toBe(true);
    expect(createClassSchema.safeParse({ title: "x".repeat(101), track: "pod" }).success).toBe(false);
  });
});
