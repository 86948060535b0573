/**
 * Whether another connection has committed to the database file since this one last looked:
 * PRAGMA data_version changes exactly then (never for this connection's own commits). Whatever
 * a connection keeps in memory of rows it wrote (a play worker's attempt cache and dashboard
 * cells) is trusted only while this says no.
 */
import type Database from "better-sqlite3";

export class OtherCommits {
  private readonly dataVersion: Database.Statement;
  private version: unknown;

  constructor(sqlite: Database.Database) {
    this.dataVersion = sqlite.prepare("PRAGMA data_version").pluck();
  }

  /** True if another connection committed since the previous call; false at the first (nothing was kept before it). */
  sinceLastLook(): boolean {
    const version = this.dataVersion.get();
    const changed = this.version !== undefined && version !== this.version;
    this.version = version;
    return changed;
  }
}
