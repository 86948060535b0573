/**
 * Which variant (seed) a class student plays: their own seed when the class has variants,
 * otherwise the class's one seed, so everybody sees the same cluster. Anyone else: undefined
 * (play picks a random seed).
 *
 * The seed is then made canonical: the smallest seed that gives the same parameter values, so
 * students whose seeds pick the same variant share one prepared level (a level without
 * parameters has one variant, seed 0). Preparing a level takes milliseconds; a class of
 * thousands with a seed each would otherwise prepare one per command.
 */
import { chooseParams, type ParamSpec } from "../../engine/index";
import type { ClassStore } from "./class-store";
import { levelInfo } from "./level-info";
import { studentIdOfPlayer } from "./student-player";

/** Seeds looked at for a canonical one; variants beyond them keep their own seed. */
const SEARCH = 20_000;

const canonical = new Map<string, Map<string, number>>();

function valuesKey(params: Readonly<Record<string, ParamSpec>>, seed: number): string {
  return JSON.stringify(chooseParams(params, seed));
}

export function canonicalSeed(levelId: string, seed: number): number {
  const params = levelInfo(levelId)?.params;
  if (!params) return seed;
  if (Object.keys(params).length === 0) return 0;
  let seeds = canonical.get(levelId);
  if (!seeds) {
    seeds = new Map();
    for (let s = SEARCH - 1; s >= 0; s--) seeds.set(valuesKey(params, s), s);
    canonical.set(levelId, seeds);
  }
  return seeds.get(valuesKey(params, seed)) ?? seed;
}

export function classSeedFor(store: ClassStore): (playerId: string, levelId: string) => number | undefined {
  return (playerId, levelId) => {
    const studentId = studentIdOfPlayer(playerId);
    if (!studentId) return undefined;
    const student = store.student(studentId);
    const row = student && store.classById(student.classId);
    if (!student || !row) return undefined;
    return canonicalSeed(levelId, row.variants ? student.seed : row.seed);
  };
}
