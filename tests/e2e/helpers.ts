/** What the play specs share: typing into a host's terminal, reading it, axe, screenshots. */
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Locator, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

export const SCREENSHOTS = join(process.cwd(), "test-results", "screenshots");

/** A host's terminal panel (xterm.js with its DOM renderer). */
export function terminal(page: Page, host: string): Locator {
  return page.getByTestId(`terminal-${host}`);
}

/** The terminal's visible text (xterm's rows). */
export function screen(page: Page, host: string): Locator {
  return terminal(page, host).locator(".xterm-rows");
}

/** The live region that repeats the terminal's latest output for screen readers: the line and what it printed. */
export function lastOutput(page: Page, host: string): Locator {
  return page.getByRole("log", { name: `Last output on ${host}` });
}

/** Waits until the host's terminal shows its prompt. */
export async function terminalReady(page: Page, host: string): Promise<void> {
  await expect(screen(page, host)).toContainText(`root@${host}:~#`, { timeout: 30_000 });
}

/** Clicks into the host's terminal, as a student would, types the line and presses Enter. */
export async function typeLine(page: Page, host: string, line: string): Promise<void> {
  await terminal(page, host).locator(".xterm-screen").click();
  await expect(terminal(page, host).locator(".xterm-helper-textarea")).toBeFocused();
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
}

/**
 * Types a line and returns what the terminal answered: the live region's new text (the line,
 * then its output). The region must change, so two identical lines with identical output in a
 * row cannot be told apart: put something else between them.
 */
export async function run(page: Page, host: string, line: string): Promise<string> {
  const region = lastOutput(page, host);
  const before = (await region.textContent()) ?? "";
  await typeLine(page, host, line);
  await expect(region).toContainText(line.split("\n")[0]!);
  await expect(region).not.toHaveText(before);
  return (await region.textContent()) ?? "";
}

export function goal(page: Page, id: string): Locator {
  return page.getByTestId(`goal-${id}`);
}

export async function expectGoals(page: Page, ids: readonly string[], mark: { local?: "pass" | "fail"; server?: "pass" | "fail" | "pending" }): Promise<void> {
  for (const id of ids) {
    if (mark.local) await expect(goal(page, id), `goal ${id}, local mark`).toHaveAttribute("data-local", mark.local);
    if (mark.server) await expect(goal(page, id), `goal ${id}, server mark`).toHaveAttribute("data-server", mark.server);
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** axe on the page as it is: no serious or critical violation. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const summary = bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}×: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")})`);
  expect(summary, `axe on ${what}`).toEqual([]);
}

/** Collects uncaught page errors, console errors and failed HTTP responses; the spec asserts the list is empty. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    const url = m.location().url;
    errors.push(`console.error: ${m.text()}${url ? ` (${url})` : ""}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  return errors;
}

/** Playwright's test, failing any test whose page logged an error or got an HTTP error. */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors = watchErrors(page);
      await use(errors);
      expect(errors, "page errors, console errors and HTTP errors").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };
