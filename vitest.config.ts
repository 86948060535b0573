import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    include: ["tests/**/*.test.ts", "content/**/*.test.ts", "engine/**/*.test.ts"],
    exclude: ["node_modules/**", "tests/e2e/**"],
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
