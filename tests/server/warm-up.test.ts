import { describe, expect, it, vi } from "vitest";
import { openDatabase } from "../../server/db/open";
import { LevelLibrary } from "../../server/play/level-library";
import { createPlayService } from "../../server/play/play-service";
import { warmUp } from "../../server/play/warm-up";
import { levelFiles } from "../../server/levels/catalog";
import { tempDbFile } from "./harness";

describe("warming the engine up before a play worker takes jobs", () => {
  it("prepares every level and plays its solution", () => {
    const asked: string[] = [];
    class CountingLibrary extends LevelLibrary {
      override get(levelId: string, seed: number) {
        asked.push(`${levelId}#${seed}`);
        return super.get(levelId, seed);
      }
    }
    warmUp(new CountingLibrary());
    expect(asked.sort()).toEqual(levelFiles().map((ref) => `${ref.id}#0`).sort());
  });

  it("writes nothing to the database, so it can run before any transaction", () => {
    const { file, cleanup } = tempDbFile();
    const db = openDatabase(file);
    try {
      const tables = (db.sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'").all() as { name: string }[]).map((t) => t.name);
      const rows = () => tables.map((t) => (db.sqlite.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n);
      const before = rows();
      createPlayService({ orm: db.orm }).warmUp();
      expect(tables.length).toBeGreaterThan(3);
      expect(rows()).toEqual(before);
      expect(db.sqlite.inTransaction).toBe(false);
    } finally {
      db.close();
      cleanup();
    }
  });
});

describe("a level that does not load", () => {
  it("is skipped with its reason logged, and the others still warm up", () => {
    const ids = levelFiles().map((ref) => ref.id);
    const asked: string[] = [];
    class OneBroken extends LevelLibrary {
      override get(levelId: string, seed: number) {
        asked.push(levelId);
        if (levelId === ids[0]) throw new Error(`level ${levelId} (seed ${seed}) does not load`);
        return super.get(levelId, seed);
      }
    }
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect(() => warmUp(new OneBroken())).not.toThrow();
      expect(asked.sort()).toEqual([...ids].sort());
      expect(logged).toHaveBeenCalledWith(`podpath: warming up skipped level ${ids[0]}`, expect.any(Error));
    } finally {
      logged.mockRestore();
    }
  });
});
