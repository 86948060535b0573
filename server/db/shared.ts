/**
 * The process's one database handle, shared by the socket server and by Next's server
 * components. Next bundles its own copy of these modules, so the handle lives on globalThis
 * (the raw better-sqlite3 handle: each module copy wraps it with its own drizzle).
 */
import type Database from "better-sqlite3";
import { databaseFile } from "./location";
import { openDatabase, wrapDatabase, type Orm } from "./open";

const HANDLE = Symbol.for("podpath.sqlite");
type Holder = { [HANDLE]?: Database.Database };

/** Opens the database at PODPATH_DB on first use (running migrations); later calls share it. */
export function sharedSqlite(): Database.Database {
  const holder = globalThis as Holder;
  if (!holder[HANDLE]?.open) holder[HANDLE] = openDatabase(databaseFile()).sqlite;
  return holder[HANDLE];
}

let wrapped: { sqlite: Database.Database; orm: Orm } | undefined;

export function sharedOrm(): Orm {
  const sqlite = sharedSqlite();
  if (wrapped?.sqlite !== sqlite) wrapped = { sqlite, orm: wrapDatabase(sqlite) };
  return wrapped.orm;
}

export function closeSharedDatabase(): void {
  const holder = globalThis as Holder;
  holder[HANDLE]?.close();
  delete holder[HANDLE];
}
