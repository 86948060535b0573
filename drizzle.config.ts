/** drizzle-kit: `npm run db:generate` writes a migration into drizzle/ after server/db/schema.ts changes. */
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  schema: "./server/db/schema.ts",
  out: "./drizzle",
  dialect: "sqlite",
  dbCredentials: { url: process.env.PODPATH_DB ?? "data/podpath.sqlite" },
});
