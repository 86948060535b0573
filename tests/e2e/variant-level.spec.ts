/**
 * A variant level: its numbers are drawn per attempt (the seed is random), so the test reads them
 * from the page the way a student would, from the briefing and the terminal, and derives the fix.
 */
import { expect, expectGoals, run, screenshot, terminal, terminalReady, test, typeLine } from "./helpers";

const MASQ = "egress-fix-broken-masquerade";
const MASQ_GOALS = ["invoices-egress", "frontend-egress", "orders-egress", "no-nat-between-pods"];

test("fix the broken MASQUERADE: the numbers come from this attempt's briefing", async ({ page }) => {
  await page.goto(`/play/${MASQ}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Fix the broken MASQUERADE");
  await terminalReady(page, "node1");
  await expectGoals(page, ["invoices-egress"], { local: "fail", server: "fail" });
  await expectGoals(page, ["frontend-egress", "orders-egress", "no-nat-between-pods"], { local: "pass", server: "pass" });

  // The variant's pod network, as the student reads it in the briefing.
  const briefing = page.getByRole("region", { name: "Briefing" });
  const text = (await briefing.textContent()) ?? "";
  const net = /pod network is 10\.(\d+)\.0\.0\/16/.exec(text)?.[1];
  expect(net, `the briefing names the pod network: ${text.slice(0, 200)}`).toBeDefined();
  const cidr = `10.${net}.0.0/16`;

  // On node3, look at POSTROUTING and find the rule that names another network.
  await page.getByRole("tab", { name: "node3" }).click();
  await expect(terminal(page, "node3")).toBeVisible();
  await terminalReady(page, "node3");
  const listing = await run(page, "node3", "iptables -t nat -S POSTROUTING");
  const rules = listing.split("\n").filter((l) => l.startsWith("-A POSTROUTING"));
  const stale = rules.findIndex((l) => l.includes("-j MASQUERADE") && !l.includes(cidr));
  expect(stale, `a MASQUERADE rule for another network among:\n${rules.join("\n")}`).toBeGreaterThanOrEqual(0);

  await typeLine(page, "node3", `iptables -t nat -R POSTROUTING ${stale + 1} -s ${cidr} ! -d ${cidr} -j MASQUERADE`);
  await expectGoals(page, MASQ_GOALS, { local: "pass" });
  await expectGoals(page, MASQ_GOALS, { server: "pass" });
  await expect(page.getByTestId("success")).toContainText("Level solved");
  await screenshot(page, "success-masquerade");
});
