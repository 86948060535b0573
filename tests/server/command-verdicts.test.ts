/**
 * A command's verdict is stored in its own `commands` row (migration 0002); a database written
 * before it keeps its commands' verdicts as `verdicts` rows. Either way the attempt reads back
 * the same: its current verdict, each command's verdict, its progress and its count of verdicts.
 */
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { LogEntry, VerdictSummary } from "../../game/protocol";
import { migrationsFolder } from "../../server/db/location";
import { openDatabase, type PodpathDb } from "../../server/db/open";
import { AttemptStore } from "../../server/play/attempt-store";
import { progressIn } from "../../server/play/progress";

const verdict = (passed: number, total = 3): VerdictSummary => ({
  solved: passed === total,
  passed,
  total,
  goals: Array.from({ length: total }, (_, i) => ({ id: `g${i}`, pass: i < passed, ...(i < passed ? {} : { explanation: `goal ${i} fails` }) })),
});
const entry = (seq: number): LogEntry => ({ seq, host: "node1", line: `ip route # ${seq}`, accepted: true, changed: true, undone: false });
const at = (second: number) => `2026-11-22T08:00:${String(second).padStart(2, "0")}.000Z`;

let dir: string | undefined;
let db: PodpathDb | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A database file as a server before migration 0002 left it: migrated only that far. */
function fileBeforeMigration2(): string {
  dir = mkdtempSync(join(tmpdir(), "podpath-command-verdicts-"));
  const older = join(dir, "drizzle");
  cpSync(migrationsFolder(), older, { recursive: true });
  const journalFile = join(older, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
  const index = journal.entries.findIndex((e) => e.tag === "0002_command_verdicts");
  expect(index).toBe(2);
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, index) }));
  const file = join(dir, "old.sqlite");
  const sqlite = new Database(file);
  migrate(drizzle({ client: sqlite }), { migrationsFolder: older });
  expect(sqlite.prepare("select count(*) from pragma_table_info('commands') where name = 'verdict_json'").pluck().get()).toBe(0);
  sqlite.prepare("insert into players (id, created_at) values ('p1', ?)").run(at(0));
  sqlite.prepare("insert into attempts (id, player_id, level_id, seed, started_at) values ('a1', 'p1', 'lvl', 0, ?)").run(at(0));
  const oldVerdict = sqlite.prepare("insert into verdicts (attempt_id, seq, cause, solved, passed, total, json, created_at) values ('a1', ?, ?, ?, ?, ?, ?, ?)");
  oldVerdict.run(0, "start", 0, 0, 3, JSON.stringify(verdict(0)), at(0));
  sqlite
    .prepare("insert into commands (attempt_id, seq, host, line, accepted, changed, undone, created_at) values ('a1', 1, 'node1', 'ip route # 1', 1, 1, 0, ?)")
    .run(at(1));
  oldVerdict.run(1, "command", 0, 1, 3, JSON.stringify(verdict(1)), at(1));
  sqlite.close();
  return file;
}

describe("command verdicts", () => {
  it("are read the same from a database written before migration 0002 and from rows written after it", () => {
    db = openDatabase(fileBeforeMigration2());
    const store = new AttemptStore(db.orm);
    expect(store.latestVerdict("a1")).toEqual(verdict(1));
    expect(store.commandVerdict("a1", 1)).toEqual(verdict(1));

    store.insertCommand("a1", entry(2), verdict(2), at(2));
    expect(store.latestVerdict("a1")).toEqual(verdict(2));
    expect(store.commandVerdict("a1", 1)).toEqual(verdict(1));
    expect(store.commandVerdict("a1", 2)).toEqual(verdict(2));
    // An undo's verdict has the log's last seq: it comes after that command's, and a second undo after the first.
    store.insertVerdict("a1", 2, "undo", verdict(1), at(3));
    expect(store.latestVerdict("a1")).toEqual(verdict(1));
    store.insertVerdict("a1", 2, "undo", verdict(0), at(4));
    expect(store.latestVerdict("a1")).toEqual(verdict(0));
    expect(progressIn(db.orm, "p1")).toEqual({ lvl: { status: "working", stars: 0, passed: 0, total: 3 } });

    store.insertCommand("a1", entry(3), verdict(3), at(5));
    expect(store.latestVerdict("a1")).toEqual(verdict(3));
    expect(store.commandVerdict("a1", 2)).toEqual(verdict(2));
    expect(progressIn(db.orm, "p1")).toEqual({ lvl: { status: "working", stars: 0, passed: 3, total: 3 } });
    // start, command 1 (old row), command 2, two undos, command 3
    expect(store.counts().verdicts).toBe(6);
  });

  it("are stored in the command's row: no verdicts row per command", () => {
    dir = mkdtempSync(join(tmpdir(), "podpath-command-verdicts-"));
    db = openDatabase(join(dir, "new.sqlite"));
    db.sqlite.prepare("insert into players (id, created_at) values ('p1', ?)").run(at(0));
    db.sqlite.prepare("insert into attempts (id, player_id, level_id, seed, started_at) values ('a1', 'p1', 'lvl', 0, ?)").run(at(0));
    const store = new AttemptStore(db.orm);
    store.insertVerdict("a1", 0, "start", verdict(0), at(0));
    store.insertCommand("a1", entry(1), verdict(2), at(1));
    expect(db.sqlite.prepare("select cause from verdicts where attempt_id = 'a1'").pluck().all()).toEqual(["start"]);
    const row = db.sqlite.prepare("select verdict_solved as solved, verdict_passed as passed, verdict_total as total, verdict_json as json from commands where attempt_id = 'a1'").get() as Record<string, unknown>;
    expect(row).toEqual({ solved: 0, passed: 2, total: 3, json: JSON.stringify(verdict(2)) });
    expect(store.latestVerdict("a1")).toEqual(verdict(2));
    expect(store.counts().verdicts).toBe(2);
  });
});
