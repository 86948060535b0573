/**
 * A whole class in Chromium: one instructor and three students, each in a browser context of
 * their own, against a server this spec starts itself so that it can kill it (SIGKILL, by PID)
 * in the middle of the class and start it again on the same port and database file.
 *
 * The instructor signs up and creates a class; the students join from the projector's code;
 * the class starts; a student solves a level and the dashboard cell turns solved without a
 * reload; pause freezes the students' terminals; a broadcast hint appears; the server dies and
 * comes back, everyone's page reconnects by itself and play goes on with nothing acknowledged
 * lost; the report's CSV has one row per student and level.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { freePort, startServerProcess, type ServerProcess } from "../classroom/server-process";
import { expect, expectGoals, screen, screenshot, terminal, terminalReady, test, typeLine } from "./helpers";

const LEVEL = "pod-eth0-bringup";
const LEVEL_TITLE = "Finish a pod's eth0 by hand";
const OTHER_LEVEL_TITLE = "Make pod A reach service B";
const GOALS = ["redis-to-api", "api-to-postgres", "keep-ips"];
const CSV_HEADER = "student,level,solved,time_seconds,commands,hints_used,stars,solution_shown";

interface Student {
  readonly nickname: string;
  readonly context: BrowserContext;
  readonly page: Page;
}

async function newPage(browser: Browser, baseURL: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 720 } });
  return { context, page: await context.newPage() };
}

/** The address the level's briefing reserves for the pod (the level varies it per attempt seed). */
async function reservedOctet(page: Page): Promise<string> {
  const briefing = (await page.getByRole("region", { name: "Briefing" }).textContent()) ?? "";
  const octet = /reserved 10\.244\.0\.(\d+) for the pod/.exec(briefing)?.[1];
  expect(octet, `the briefing names the reserved address: ${briefing.slice(0, 300)}`).toBeDefined();
  return octet!;
}

test("a class: one instructor, three students, a pause, a hint, and a server restart mid-class", async ({ browser }) => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), "podpath-class-e2e-"));
  const port = await freePort();
  const db = join(dir, "class.sqlite");
  let server: ServerProcess | undefined = await startServerProcess(port, db, {}, true);
  const baseURL = server.url;
  const contexts: BrowserContext[] = [];
  try {
    // The instructor signs up and creates a class of two chosen levels.
    const teacher = await newPage(browser, baseURL);
    contexts.push(teacher.context);
    const dash = teacher.page;
    await dash.goto("/teach");
    const signup = dash.getByRole("region", { name: "Create an account" });
    await signup.getByLabel("Email", { exact: true }).fill(`class-spec-${Date.now()}@school.example`);
    await signup.getByLabel(/^Password/).fill("correct horse battery");
    await signup.getByRole("button", { name: "Create an account" }).click();
    await expect(dash).toHaveURL(/\/teach\/classes$/);
    const form = dash.getByRole("form", { name: "New class" });
    await form.getByLabel("Title", { exact: true }).fill("Pods, period 2");
    await form.getByLabel("Chosen levels").check();
    await form.getByLabel(LEVEL_TITLE).check();
    await form.getByLabel(OTHER_LEVEL_TITLE).check();
    await form.getByRole("button", { name: "Create class" }).click();
    await expect(dash).toHaveURL(/\/teach\/classes\/[A-Za-z0-9_-]{16,64}$/);
    const classId = new URL(dash.url()).pathname.split("/").pop()!;

    // The projector shows the code; three students join with it and fill the lobby live.
    await dash.getByRole("link", { name: "Projector view" }).click();
    const code = ((await dash.getByTestId("join-code").textContent()) ?? "").replace(/\s/g, "");
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
    const students: Student[] = [];
    for (const nickname of ["ada", "grace", "linus"]) {
      const { context, page } = await newPage(browser, baseURL);
      contexts.push(context);
      await page.goto(`/join?code=${code}`);
      await page.getByLabel("Nickname").fill(nickname);
      await page.getByRole("button", { name: "Join the class" }).click();
      await expect(page).toHaveURL(/\/class$/);
      await expect(page.getByTestId("class-state")).toHaveAttribute("data-status", "lobby");
      students.push({ nickname, context, page });
    }
    await expect(dash.getByTestId("lobby-count")).toHaveText("3");
    const [ada, grace, linus] = students as [Student, Student, Student];

    // The dashboard: start the class; every student's page follows without a reload.
    await dash.getByRole("link", { name: "Back to the dashboard" }).click();
    await expect(dash.getByTestId("connection")).toHaveText("live");
    const view = (await (await dash.request.get(`/api/classes/${classId}/dashboard`)).json()).dashboard as { students: { id: string; nickname: string }[]; levels: { id: string }[] };
    const idOf = (s: Student) => view.students.find((x) => x.nickname === s.nickname)!.id;
    const cell = (s: Student) => dash.getByTestId(`cell-${idOf(s)}-${LEVEL}`);
    await dash.getByRole("button", { name: "Start", exact: true }).click();
    await expect(dash.getByTestId("class-status")).toHaveAttribute("data-status", "running");
    for (const s of students) await expect(s.page.getByTestId("class-state")).toHaveAttribute("data-status", "running");

    // Ada solves the level: her goals pass, the server confirms, and her cell turns solved live.
    await ada.page.getByRole("link", { name: new RegExp(LEVEL_TITLE) }).click();
    await terminalReady(ada.page, "api");
    const adaOctet = await reservedOctet(ada.page);
    await typeLine(ada.page, "api", `ip addr add 10.244.0.${adaOctet}/24 dev eth0`);
    await typeLine(ada.page, "api", "ip link set eth0 up");
    await typeLine(ada.page, "api", "ip route add default via 10.244.0.1");
    await expectGoals(ada.page, GOALS, { local: "pass", server: "pass" });
    await expect(cell(ada)).toHaveAttribute("data-status", "solved");
    await expect(cell(ada)).toContainText("★");

    // Grace starts: one line in, her cell shows her working.
    await grace.page.getByRole("link", { name: new RegExp(LEVEL_TITLE) }).click();
    await terminalReady(grace.page, "api");
    const graceOctet = await reservedOctet(grace.page);
    await typeLine(grace.page, "api", `ip addr add 10.244.0.${graceOctet}/24 dev eth0`);
    await expect(cell(grace)).toHaveAttribute("data-status", "working");
    await expect(cell(linus)).toHaveAttribute("data-status", "not-started");
    await screenshot(dash, "class-dashboard-running");

    // Pause: Grace's terminal is frozen with a banner; Linus's class page says paused.
    await dash.getByRole("button", { name: "Pause" }).click();
    await expect(dash.getByTestId("class-status")).toHaveAttribute("data-status", "paused");
    await expect(grace.page.getByTestId("class-paused")).toContainText("Paused by your instructor");
    await expect(linus.page.getByTestId("class-state")).toHaveAttribute("data-status", "paused");
    // The terminal cannot take the focus, and the attempt's buttons are off.
    const textarea = terminal(grace.page, "api").locator(".xterm-helper-textarea");
    await textarea.focus();
    await expect(textarea).not.toBeFocused();
    await expect(grace.page.getByRole("button", { name: "Undo" })).toBeDisabled();
    await expect(grace.page.getByRole("button", { name: "Reset" })).toBeDisabled();
    await screenshot(grace.page, "class-student-paused");

    // A hint to everyone appears on the students' screens, as text.
    await dash.getByLabel(/^Text/).fill("Hint: a pod needs eth0 up and a default route via the bridge.");
    await dash.getByRole("button", { name: "Send message" }).click();
    await expect(dash.getByTestId("broadcast-outcome")).toHaveText("Sent to every student.");
    await expect(grace.page.getByTestId("class-message")).toContainText("a default route via the bridge");
    await expect(linus.page.getByTestId("class-messages")).toContainText("a default route via the bridge");
    await dash.getByRole("button", { name: "Resume" }).click();
    await expect(grace.page.getByTestId("class-paused")).toHaveCount(0);

    // The server dies mid-class (SIGKILL) and comes back on the same port and database.
    await server.kill9();
    server = undefined;
    await expect(dash.getByTestId("connection")).not.toHaveText("live");
    for (const s of [ada, grace]) await expect(s.page.getByText("offline", { exact: true })).toBeVisible();
    await expect(linus.page.getByText("Connected: live.")).toHaveCount(0);
    server = await startServerProcess(port, db, {}, true);
    // Everyone reconnects by themselves; the dashboard reads back exactly what it showed.
    await expect(dash.getByTestId("connection")).toHaveText("live", { timeout: 30_000 });
    for (const s of [ada, grace]) await expect(s.page.getByText("connected", { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(linus.page.getByText("Connected: live.")).toBeVisible({ timeout: 30_000 });
    await expect(dash.getByTestId("class-status")).toHaveAttribute("data-status", "running");
    await expect(cell(ada)).toHaveAttribute("data-status", "solved");
    await expect(cell(grace)).toHaveAttribute("data-status", "working");
    await expectGoals(ada.page, GOALS, { local: "pass", server: "pass" });

    // Grace goes on where she was: her first line is still there, two more solve the level.
    await expect(screen(grace.page, "api")).toContainText(`ip addr add 10.244.0.${graceOctet}/24 dev eth0`);
    await typeLine(grace.page, "api", "ip link set eth0 up");
    await typeLine(grace.page, "api", "ip route add default via 10.244.0.1");
    await expectGoals(grace.page, GOALS, { local: "pass", server: "pass" });
    await expect(cell(grace)).toHaveAttribute("data-status", "solved");
    // Linus, on his class page through the restart, opens the level and plays.
    await linus.page.getByRole("link", { name: new RegExp(LEVEL_TITLE) }).click();
    await terminalReady(linus.page, "api");
    await typeLine(linus.page, "api", "ip link set eth0 up");
    await expect(cell(linus)).toHaveAttribute("data-status", "working");
    await expect(dash.getByTestId("total-solved")).toHaveText("2");
    await screenshot(dash, "class-dashboard-after-restart");

    // The report's CSV: one row per student and level, with every acknowledged command counted.
    await dash.getByRole("link", { name: "Report" }).click();
    const [download] = await Promise.all([dash.waitForEvent("download"), dash.getByRole("link", { name: "Download CSV" }).click()]);
    const rows = readFileSync((await download.path())!, "utf8").trimEnd().split("\r\n");
    expect(rows[0]).toBe(CSV_HEADER);
    expect(rows).toHaveLength(1 + students.length * view.levels.length);
    const row = (s: Student) => rows.find((r) => r.startsWith(`${s.nickname},${LEVEL},`));
    expect(row(ada)).toMatch(/^ada,pod-eth0-bringup,yes,\d+,3,0,3,no$/);
    expect(row(grace)).toMatch(/^grace,pod-eth0-bringup,yes,\d+,3,0,3,no$/);
    expect(row(linus)).toMatch(/^linus,pod-eth0-bringup,no,,1,0,0,no$/);
    expect(rows.filter((r) => r.includes(",svc-reach-service-b,no,,0,0,0,no"))).toHaveLength(3);
  } finally {
    for (const c of contexts) await c.close().catch(() => undefined);
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
