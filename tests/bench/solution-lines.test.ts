import { describe, expect, it } from "vitest";
import { solutionLinesOf } from "../../bench/solution-lines";
import { LEVEL, playReplies } from "./play-replies";

describe("bench: the lines a simulated student types", () => {
  const linesFor = solutionLinesOf(LEVEL);

  it("are their own variant's: each seed's lines solve that seed's attempt", () => {
    for (const seed of [0, 1, 7, 4242]) {
      const { opened, commands } = playReplies(seed, linesFor);
      expect(opened.attempt.seed).toBe(seed);
      expect(commands.every((c) => c.entry.accepted)).toBe(true);
      const last = commands.at(-1)!.verdict;
      expect(last, `seed ${seed}`).toMatchObject({ solved: true, passed: last.total });
    }
  });

  it("differ between variants: seed 0's lines are accepted in seed 1's attempt but leave it unsolved", () => {
    expect(linesFor(1)).not.toEqual(linesFor(0));
    const { commands } = playReplies(1, () => linesFor(0));
    expect(commands.every((c) => c.entry.accepted)).toBe(true);
    const last = commands.at(-1)!.verdict;
    expect(last.solved).toBe(false);
    expect(last.goals.find((g) => g.id === "keep-ips")).toMatchObject({ pass: false });
  });

  it("refuses a level that does not exist, by name", () => {
    expect(() => solutionLinesOf("no-such-level")).toThrow(/there is no level no-such-level/);
  });
});
