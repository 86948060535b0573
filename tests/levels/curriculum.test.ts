/**
 * The curriculum: `podpath level check --all` passes (schema, goals fail at the start, the
 * reference solution passes, 20 seeds for variant levels, the kernel agrees on the start and
 * solved states), and the catalog has the shape the issue asks for.
 */
import { describe, expect, it } from "vitest";
import { TRACK_LIST } from "../../content/level/tracks";
import type { Level } from "../../engine/index";
import type { CliOutput } from "../../server/cli/output";
import { main } from "../../server/cli/podpath";
import { levelFiles, readLevel } from "../../server/levels/catalog";

const levels: Level[] = levelFiles().map((ref) => {
  const r = readLevel(ref);
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.level;
});

describe("the curriculum", () => {
  it("has at least 24 levels over the seven tracks, each track with both kinds of level", () => {
    expect(levels.length).toBeGreaterThanOrEqual(24);
    for (const track of TRACK_LIST) {
      const own = levels.filter((l) => l.track === track.id);
      expect(own.length, track.id).toBeGreaterThanOrEqual(3);
      expect(own.map((l) => l.order).sort((a, b) => a - b), track.id).toEqual(own.map((_, i) => i + 1));
    }
    expect(new Set(levels.map((l) => l.mode))).toEqual(new Set(["build", "fix"]));
  });

  it("difficulty never falls as a track goes on", () => {
    for (const track of TRACK_LIST) {
      const byOrder = levels.filter((l) => l.track === track.id).sort((a, b) => a.order - b.order);
      byOrder.slice(1).forEach((l, i) => expect(l.difficulty, l.id).toBeGreaterThanOrEqual(byOrder[i]!.difficulty));
    }
  });

  it("includes the two named levels", () => {
    expect(levels.find((l) => l.title.en === "Make pod A reach service B")?.track).toBe("services");
    expect(levels.find((l) => l.title.en === "Fix the broken MASQUERADE")?.track).toBe("egress");
  });

  it("passes podpath level check --all, the kernel agreeing", { timeout: 20 * 60_000 }, async () => {
    const stdout: string[] = [];
    const io: CliOutput = { out: (t) => stdout.push(t), err: (t) => stdout.push(t) };
    const status = await main(["level", "check", "--all"], io);
    expect(stdout.filter((l) => !/: ok \(/.test(l) && !/levels: /.test(l))).toEqual([]);
    expect(stdout.at(-1)).toBe(`${levels.length} levels: ${levels.length} ok, 0 failed`);
    expect(status).toBe(0);
  });
});
