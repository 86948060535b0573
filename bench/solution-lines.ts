/**
 * The solution lines a simulated student types: their own variant's. A level with parameters
 * solves with different lines for each seed (pod-eth0-bringup's address is 10.244.0.{{octet}}),
 * and a class plays the seed the server gave it, so the lines come from the seed in the
 * student's attempt, not from seed 0. Typing seed 0's lines into another variant is accepted
 * line by line but never solves the level, and a bench doing so would measure no solving.
 */
import { levelFiles, readLevel } from "../server/levels/catalog";

export type SolutionLine = { readonly host: string; readonly line: string };

/** The level's solution for a seed, read once per seed. Throws when there is no such level. */
export function solutionLinesOf(levelId: string): (seed: number) => readonly SolutionLine[] {
  const ref = levelFiles().find((r) => r.id === levelId);
  if (!ref) throw new Error(`there is no level ${levelId}`);
  const bySeed = new Map<number, readonly SolutionLine[]>();
  return (seed) => {
    let lines = bySeed.get(seed);
    if (!lines) {
      const read = readLevel(ref, seed);
      if (!read.ok) throw new Error(read.errors.join("\n"));
      lines = read.level.solution.map(({ host, line }) => ({ host, line }));
      bySeed.set(seed, lines);
    }
    return lines;
  };
}
