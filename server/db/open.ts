/** Opens (creating if needed) a PodPath database file and brings its schema up to date. */
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { migrationsFolder } from "./location";
import { schema, type Schema } from "./schema";

export type Orm = BetterSQLite3Database<Schema>;

export interface PodpathDb {
  readonly orm: Orm;
  readonly sqlite: Database.Database;
  close(): void;
}

export function openDatabase(file: string): PodpathDb {
  mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  // A commit appends to the log without an fsync (better-sqlite3's default is FULL: one per
  // commit, 0.3-0.5 ms each here). Committed data survives a killed process, which is what an ack
  // promises; only a power cut or an OS crash can lose the last commits. The log is synced at each checkpoint.
  sqlite.pragma("synchronous = NORMAL");
  // A server component's read and the socket's write can meet; wait rather than fail with SQLITE_BUSY.
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  const orm = wrapDatabase(sqlite);
  migrate(orm, { migrationsFolder: migrationsFolder() });
  return { orm, sqlite, close: () => sqlite.close() };
}

/** The better-sqlite3 handle under a drizzle database, for statements prepared on it directly. */
export function sqliteOf(orm: Orm): Database.Database {
  return (orm as Orm & { $client: Database.Database }).$client;
}

/** drizzle over an open handle (no migration). */
export function wrapDatabase(sqlite: Database.Database): Orm {
  return drizzle({ client: sqlite, schema });
}
