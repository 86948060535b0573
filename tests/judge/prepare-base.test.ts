/**
 * prepareFromBase builds a level's base once and applies the break on top of it: the start
 * state must be the one the scenario runner builds from base and break lines in one pass ([SC1]).
 */
import { describe, expect, it } from "vitest";
import { buildScenarioState } from "../../engine/scenario/run";
import { prepareLevel } from "../../engine/judge/prepare";
import { levelFiles, readLevel } from "../../server/levels/catalog";

describe("a level's start state", () => {
  for (const ref of levelFiles()) {
    it(`${ref.id}: base, then break, is the scenario of base and break lines run in one pass`, () => {
      const read = readLevel(ref, 0);
      if (!read.ok) throw new Error(read.errors.join("\n"));
      const prepared = prepareLevel(read.level);
      if (!prepared.ok) throw new Error(prepared.errors.join("\n"));
      const p = prepared.prepared;
      const onePass = buildScenarioState({ name: p.level.id, hosts: p.hosts, setup: [...p.baseSetup, ...p.level.break], listen: p.listen, probes: [] });
      expect(p.start).toEqual(onePass.state);
      expect(p.refused).toEqual(onePass.refused);
    });
  }
});
