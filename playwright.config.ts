/**
 * End-to-end tests: Debian's Chromium against the production build, served by the real server
 * (`node --import tsx server/main.ts`, one process, so Playwright's shutdown reaches it) on a
 * free port with a fresh SQLite file. Build first (`npx next build`); `npm test` does.
 */
import { defineConfig } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

if (!existsSync(join(import.meta.dirname, ".next", "BUILD_ID"))) {
  throw new Error("playwright: there is no production build; run `npx next build` first (npm test does it for you)");
}

/** A port nobody listens on right now (the OS picks it). */
function freePort(): string {
  const script = "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close();});";
  return execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim();
}

// The config is loaded again in each worker: the runner's choices travel to them in the environment.
if (!process.env.PODPATH_E2E_PORT) {
  process.env.PODPATH_E2E_PORT = freePort();
  const dir = mkdtempSync(join(tmpdir(), "podpath-e2e-"));
  process.env.PODPATH_E2E_DB = join(dir, "podpath.sqlite");
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
}
const port = process.env.PODPATH_E2E_PORT;
const baseURL = `http://127.0.0.1:${port}`;

const CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: {
    baseURL,
    viewport: { width: 1280, height: 720 },
    launchOptions: { executablePath: process.env.PODPATH_CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: "node --import tsx server/main.ts",
    url: baseURL,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: port,
      HOST: "127.0.0.1",
      PODPATH_DB: process.env.PODPATH_E2E_DB!,
    },
  },
});
