/** The database file: created with its folder, WAL, synchronous=NORMAL and a busy timeout, migrated, and reopened without harm. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { databaseFile, projectRoot } from "../../server/db/location";
import { openDatabase } from "../../server/db/open";
import { tempDbFile } from "./harness";

describe("openDatabase", () => {
  it("creates the folder and the tables, in WAL mode with synchronous=NORMAL and a busy timeout; a second open migrates nothing twice", () => {
    const { file, cleanup } = tempDbFile();
    try {
      const first = openDatabase(file);
      expect(first.sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(first.sqlite.pragma("busy_timeout", { simple: true })).toBeGreaterThan(0);
      // 1 = NORMAL: a commit appends to the log without an fsync; it survives a killed process (not a power cut).
      expect(first.sqlite.pragma("synchronous", { simple: true })).toBe(1);
      const tables = first.sqlite.prepare("select name from sqlite_master where type = 'table' order by name").pluck().all();
      expect(tables).toEqual(expect.arrayContaining(["attempts", "commands", "players", "verdicts"]));
      first.sqlite.prepare("insert into players (id, created_at) values ('p1', 'now')").run();
      first.close();
      const again = openDatabase(file);
      expect(again.sqlite.prepare("select count(*) from players").pluck().get()).toBe(1);
      expect(again.sqlite.prepare("select count(*) from __drizzle_migrations").pluck().get()).toBe(migrationCount());
      again.close();
    } finally {
      cleanup();
    }
  });
});

/** One row per migration in drizzle/, however many there are. */
function migrationCount(): number {
  return (JSON.parse(readFileSync(join(projectRoot(), "drizzle", "meta", "_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;
}

describe("databaseFile", () => {
  it("is data/podpath.sqlite under the project root unless PODPATH_DB says otherwise", () => {
    expect(existsSync(join(projectRoot(), "drizzle", "meta", "_journal.json"))).toBe(true);
    expect(databaseFile({})).toBe(join(projectRoot(), "data", "podpath.sqlite"));
    expect(databaseFile({ PODPATH_DB: "var/x.sqlite" })).toBe(join(projectRoot(), "var", "x.sqlite"));
    expect(databaseFile({ PODPATH_DB: "/tmp/y.sqlite" })).toBe("/tmp/y.sqlite");
  });
});
