/**
 * drizzle-kit configuration for the embedded SQLite database. The schema and migrations arrive
 * with the playable app (server/db); the file lives at the top level, where drizzle-kit looks.
 */
const config = {
  schema: "./server/db/schema.ts",
  out: "./server/db/migrations",
  dialect: "sqlite",
  dbCredentials: { url: process.env.PODPATH_DB ?? "data/podpath.db" },
} as const;

export default config;
