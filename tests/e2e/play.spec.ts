/**
 * A new player, end to end: the landing page and the catalog, then a level played through the
 * terminal against the real server and SQLite (variant-level.spec.ts plays a seeded level).
 * Each test gets a fresh browser context, so a fresh player (the server sets the pp_player
 * cookie on the first request).
 */
import { levelFiles } from "../../server/levels/catalog";
import { expect, expectAccessible, expectGoals, goal, lastOutput, run, screen, screenshot, terminalReady, test, typeLine } from "./helpers";

const LEVELS = levelFiles().length;
const SERVICE_B = "svc-reach-service-b";
const SERVICE_B_GOALS = ["a-reaches-b", "no-nat-source", "pods-keep-ips"];
const SERVICE_B_SOLUTION = "iptables -t nat -A PREROUTING -d 10.96.0.20/32 -p tcp --dport 80 -j DNAT --to-destination 10.244.0.3:8080";

test("a new player finds the landing page and the catalog", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Fix the cluster.");
  await expectAccessible(page, "the landing page");

  await page.getByRole("main").getByRole("link", { name: "Play", exact: true }).click();
  await expect(page).toHaveURL(/\/play$/);
  await expect(page.getByRole("heading", { level: 1, name: "Levels" })).toBeVisible();
  await expect(page.getByText(`0 of ${LEVELS} solved`)).toBeVisible();
  const card = page.getByRole("link", { name: /Make pod A reach service B/ });
  await expect(card).toContainText("Not started");
  await screenshot(page, "catalog");
  await expectAccessible(page, "the catalog");

  await card.click();
  await expect(page).toHaveURL(new RegExp(`/play/${SERVICE_B}$`));
  await terminalReady(page, "node1");

  // Opening a level makes a player and an attempt (its server render opens it): crawlers are asked to stay out.
  const robots = await (await page.request.get("/robots.txt")).text();
  expect(robots).toMatch(/^Disallow: \/play\/$/m);
  expect(robots).not.toMatch(/^Disallow: \/play$/m);
});

test("make pod A reach service B: refused, undone, solved, confirmed, kept", async ({ page }) => {
  await page.goto(`/play/${SERVICE_B}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Make pod A reach service B");
  await terminalReady(page, "node1");
  await expect(page.getByRole("tab", { name: "node1" })).toHaveAttribute("aria-selected", "true");
  // The start state: the Service is not programmed; the server agrees.
  await expectGoals(page, ["a-reaches-b", "no-nat-source"], { local: "fail", server: "fail" });
  await expectGoals(page, ["pods-keep-ips"], { local: "pass", server: "pass" });
  await expect(goal(page, "a-reaches-b")).toContainText("expected TCP 10.96.0.20:80 from pod-a to connect");
  await expect(page.getByTestId("success")).toHaveCount(0);
  const undo = page.getByRole("button", { name: "Undo" });
  await expect(undo).toBeDisabled();
  await expectAccessible(page, "the play screen");

  // The trace player (its machine is fetched on first use): Step shows one step at a time, Play
  // moves on by itself, Pause holds the step; a changed speed stays chosen.
  const player = page.getByRole("group", { name: "Trace player" });
  await player.getByRole("combobox", { name: "Speed" }).selectOption("4");
  await player.getByRole("button", { name: "Step ›" }).click();
  await expect(player).toContainText(/step 1 of \d+/);
  await player.getByRole("button", { name: "Step ›" }).click();
  await expect(player).toContainText(/step 2 of \d+/);
  await player.getByRole("button", { name: "▶ Play" }).click();
  await expect(player).toContainText(/step [3-9] of \d+/);
  await player.getByRole("button", { name: "❚❚ Pause" }).click();
  const held = (await player.textContent()) ?? "";
  await page.waitForTimeout(600);
  await expect(player).toHaveText(held);
  await expect(player.getByRole("combobox", { name: "Speed" })).toHaveValue("4");

  // A wrong command: the engine refuses it in ip's own words, and nothing changes.
  const refused = await run(page, "node1", "ip route add 10.0.0.0/8 via 1.2.3.4");
  expect(refused).toContain("Error: Nexthop has invalid gateway.");
  await expect(screen(page, "node1")).toContainText("Error: Nexthop has invalid gateway.");
  await expect(undo).toBeDisabled();
  await expectGoals(page, ["a-reaches-b"], { local: "fail" });

  // A harmless change, then Undo takes it back.
  await run(page, "node1", "iptables -N SCRATCH");
  await expect(undo).toBeEnabled();
  expect(await run(page, "node1", "iptables -S")).toContain("-N SCRATCH");
  await screenshot(page, "play-mid-level");
  await undo.click();
  await expect(screen(page, "node1")).toContainText('undo: took back "iptables -N SCRATCH"');
  await expect(undo).toBeDisabled();
  await expect(lastOutput(page, "node1")).toContainText("undo: took back");
  const after = await run(page, "node1", "iptables -S");
  expect(after).toContain("-P INPUT ACCEPT");
  expect(after).not.toContain("SCRATCH");

  // The solution: the goals pass here at once, then the server confirms, then the success panel.
  await typeLine(page, "node1", SERVICE_B_SOLUTION);
  await expectGoals(page, SERVICE_B_GOALS, { local: "pass" });
  await expectGoals(page, SERVICE_B_GOALS, { server: "pass" });
  const success = page.getByTestId("success");
  await expect(success).toBeVisible();
  await expect(success).toContainText("Level solved");
  await expect(success).toContainText("You just did kube-proxy's job.");
  await screenshot(page, "success");
  await expectAccessible(page, "the play screen, solved");

  // Progress is the server's: a reload finds the level solved, and so does the catalog.
  await page.reload();
  await terminalReady(page, "node1");
  await expect(page.getByTestId("success")).toBeVisible();
  await expectGoals(page, SERVICE_B_GOALS, { local: "pass", server: "pass" });
  await page.goto("/play");
  await expect(page.getByText(`1 of ${LEVELS} solved`)).toBeVisible();
  await expect(page.getByRole("link", { name: /Make pod A reach service B/ })).toContainText("Solved");
});
