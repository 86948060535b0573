import { describe, expect, it } from "vitest";
import { solutionLinesOf } from "../../bench/solution-lines";
import { openDatabase } from "../../server/db/open";
import { createPlayService } from "../../server/play/play-service";
import { tempDbFile } from "../server/harness";

const LEVEL = "pod-eth0-bringup";

/** Plays `lines` on a fresh attempt of LEVEL with `seed`, through the play service on a real SQLite file, and returns the last verdict. */
function play(seed: number, lines: (attemptSeed: number) => readonly { host: string; line: string }[]) {
  const { file, cleanup } = tempDbFile();
  const db = openDatabase(file);
  try {
    const service = createPlayService({ orm: db.orm, seedFor: () => seed });
    service.welcome("bench-player");
    const opened = service.handleMessage("bench-player", { v: 1, type: "attempt.open", levelId: LEVEL });
    if (!opened.ok || opened.type !== "attempt") throw new Error(JSON.stringify(opened));
    let verdict = opened.attempt.verdict;
    lines(opened.attempt.seed).forEach(({ host, line }, i) => {
      const reply = service.handleMessage("bench-player", { v: 1, type: "attempt.command", attemptId: opened.attempt.id, seq: i + 1, host, line });
      if (!reply.ok || reply.type !== "command") throw new Error(JSON.stringify(reply));
      expect(reply.entry.accepted, line).toBe(true);
      verdict = reply.verdict;
    });
    return { seed: opened.attempt.seed, verdict };
  } finally {
    db.close();
    cleanup();
  }
}

describe("bench: the lines a simulated student types", () => {
  const linesFor = solutionLinesOf(LEVEL);

  it("are their own variant's: each seed's lines solve that seed's attempt", () => {
    for (const seed of [0, 1, 7, 4242]) {
      const { seed: played, verdict } = play(seed, linesFor);
      expect(played).toBe(seed);
      expect(verdict, `seed ${seed}`).toMatchObject({ solved: true, passed: verdict.total });
    }
  });

  it("differ between variants: seed 0's lines are accepted in seed 1's attempt but leave it unsolved", () => {
    expect(linesFor(1)).not.toEqual(linesFor(0));
    const { verdict } = play(1, () => linesFor(0));
    expect(verdict.solved).toBe(false);
    expect(verdict.goals.find((g) => g.id === "keep-ips")).toMatchObject({ pass: false });
  });

  it("refuses a level that does not exist, by name", () => {
    expect(() => solutionLinesOf("no-such-level")).toThrow(/there is no level no-such-level/);
  });
});
