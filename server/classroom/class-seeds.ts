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
import { Lru } from "../play/lru";
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

/**
 * A student's seed is read once: neither it nor their class's seed and variants ever change, and
 * a class of thousands asks for it on every attempt.reset.
 */
export function classSeedFor(store: ClassStore, remembered = 10_000): (playerId: string, levelId: string) => number | undefined {
  const seeds = new Lru<string, number>(remembered);
  const studentSeed = (studentId: string): number | undefined => {
    const known = seeds.get(studentId);
    if (known !== undefined) return known;
    const student = store.student(studentId);
    const row = student && store.classById(student.classId);
    if (!student || !row) return undefined;
    const seed = row.variants ? student.seed : row.seed;
    seeds.set(studentId, seed);
    return seed;
  };
  return (playerId, levelId) => {
    const studentId = studentIdOfPlayer(playerId);
    const seed = studentId === undefined ? undefined : studentSeed(studentId);
    return seed === undefined ? undefined : canonicalSeed(levelId, seed);
  };
}
