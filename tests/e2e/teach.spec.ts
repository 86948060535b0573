/**
 * An instructor, end to end, in Chromium against the real server: sign up, create a class from
 * a track, put the projector up, watch a student (joined through the API, playing over their own
 * socket) appear in the lobby and then on the dashboard live, run the class, drill in, message
 * the class, end it, and read the report and its CSV.
 */
import type { APIRequestContext, Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { io, type Socket } from "socket.io-client";
import { expect, expectAccessible, screenshot, test } from "./helpers";

const LEVEL = "svc-reach-service-b";
const SOLUTION = "iptables -t nat -A PREROUTING -d 10.96.0.20/32 -p tcp --dport 80 -j DNAT --to-destination 10.244.0.3:8080";
const NICKNAME = "<b>ana</b>";
const CSV_HEADER = "student,level,solved,time_seconds,commands,hints_used,stars,solution_shown";

/** Counts the browser's POSTs to a path, to show that a refused form sent nothing. */
function countPosts(page: Page, path: string): () => number {
  let n = 0;
  page.on("request", (r) => {
    if (r.method() === "POST" && new URL(r.url()).pathname === path) n++;
  });
  return () => n;
}

/** A student's socket in their class: their cookies at the handshake and the class code in `auth`, as the /class page does. */
async function studentSocket(baseURL: string, student: APIRequestContext, code: string): Promise<{ socket: Socket; pushes: { type: string; message?: { text: string } }[] }> {
  const cookie = (await student.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const socket = io(baseURL, { transports: ["websocket"], extraHeaders: { cookie }, auth: { classCode: code }, forceNew: true, reconnection: false });
  const pushes: { type: string; message?: { text: string } }[] = [];
  socket.on("pp.push", (p: { type: string; message?: { text: string } }) => pushes.push(p));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return { socket, pushes };
}

const ask = (socket: Socket, message: Record<string, unknown>) => socket.timeout(15_000).emitWithAck("pp", { v: 1, ...message });

test("an instructor runs a class and follows a student live", async ({ page, playwright, baseURL }) => {
  test.setTimeout(120_000);
  const signUps = countPosts(page, "/api/auth/signup");
  const creates = countPosts(page, "/api/classes");

  // Sign up: a short password is refused in the page, before anything is sent.
  await page.goto("/teach");
  await expect(page.getByRole("heading", { level: 1, name: "Teach with PodPath" })).toBeVisible();
  const signup = page.getByRole("region", { name: "Create an account" });
  await signup.getByLabel("Name (optional)").fill("Ms <i>Rivera</i>");
  await signup.getByLabel("Email", { exact: true }).fill(`teacher-${Date.now()}@school.example`);
  await signup.getByLabel(/^Password/).fill("short");
  await signup.getByRole("button", { name: "Create an account" }).click();
  await expect(signup.getByRole("alert")).toHaveText("Password: use 10 to 200 characters");
  expect(signUps()).toBe(0);
  await expectAccessible(page, "the teach sign-in page");
  await signup.getByLabel(/^Password/).fill("correct horse battery");
  await signup.getByRole("button", { name: "Create an account" }).click();
  await expect(page).toHaveURL(/\/teach\/classes$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your classes" })).toBeVisible();
  await expect(page.getByText("Signed in as Ms <i>Rivera</i>")).toBeVisible();
  // Signed in, /teach goes straight to the classes.
  await page.goto("/teach");
  await expect(page).toHaveURL(/\/teach\/classes$/);

  // A new class from a track: a bad value names its field and sends nothing.
  const form = page.getByRole("form", { name: "New class" });
  await form.getByLabel("Title", { exact: true }).fill("Services, period 3");
  await form.getByLabel("Track", { exact: true }).selectOption("services");
  await form.getByLabel(/Stuck after/).fill("0");
  await form.getByRole("button", { name: "Create class" }).click();
  await expect(form.getByRole("alert")).toHaveText("Stuck after: whole minutes, 1 to 120");
  await expect(form.getByLabel(/Stuck after/)).toHaveAttribute("aria-invalid", "true");
  expect(creates()).toBe(0);
  await form.getByLabel(/Stuck after/).fill("5");
  await form.getByRole("button", { name: "Create class" }).click();
  await expect(page).toHaveURL(/\/teach\/classes\/[A-Za-z0-9_-]{16,64}$/);
  const classId = new URL(page.url()).pathname.split("/").pop()!;
  const klass = (await (await page.request.get(`/api/classes/${classId}`)).json()).class as { code: string; levelIds: string[] };
  expect(klass.levelIds[0]).toBe(LEVEL);
  expect(klass.levelIds.length).toBeGreaterThan(1);
  await expect(page.getByTestId("class-status")).toHaveAttribute("data-status", "lobby");

  // The projector: the code grouped for reading, the join URL, its QR code, an empty lobby.
  await page.getByRole("link", { name: "Projector view" }).click();
  await expect(page).toHaveURL(new RegExp(`/teach/classes/${classId}/projector$`));
  await expect(page.getByTestId("join-code")).toHaveText(`${klass.code.slice(0, 3)} ${klass.code.slice(3)}`);
  await expect(page.getByTestId("join-url")).toHaveText(`${baseURL}/join?code=${klass.code}`);
  const qr = page.getByTestId("join-qr").locator("svg");
  await expect(qr).toHaveCount(1);
  await expect(qr.locator("path")).not.toHaveCount(0);
  await expect(page.getByTestId("lobby-count")).toHaveText("0");

  // A student joins through the API: they appear in the lobby without a reload, as text.
  const student = await playwright.request.newContext({ baseURL: baseURL! });
  const joined = await student.post("/api/join", { data: { code: klass.code, nickname: NICKNAME } });
  expect(joined.status()).toBe(200);
  const studentId = (await joined.json()).student.id as string;
  await expect(page.getByTestId("lobby-count")).toHaveText("1");
  await expect(page.getByTestId(`lobby-${studentId}`)).toHaveText(NICKNAME);
  await expect(page.getByTestId("lobby-names").locator("b")).toHaveCount(0);
  await screenshot(page, "teach-projector");
  await expectAccessible(page, "the projector view");

  // The dashboard: start the class; the student plays, and the grid follows.
  await page.getByRole("link", { name: "Back to the dashboard" }).click();
  await expect(page).toHaveURL(new RegExp(`/teach/classes/${classId}$`));
  await expect(page.getByTestId("connection")).toHaveText("live");
  const row = page.getByTestId(`student-${studentId}`);
  await expect(row).toContainText(NICKNAME);
  const cell = page.getByTestId(`cell-${studentId}-${LEVEL}`);
  await expect(cell).toHaveAttribute("data-status", "not-started");
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(page.getByTestId("class-status")).toHaveAttribute("data-status", "running");
  await expect(page.getByRole("button", { name: "Start", exact: true })).toBeDisabled();

  const { socket, pushes } = await studentSocket(baseURL!, student, klass.code);
  try {
    const opened = await ask(socket, { type: "attempt.open", levelId: LEVEL });
    expect(opened.ok).toBe(true);
    const attemptId = opened.attempt.id as string;
    expect((await ask(socket, { type: "attempt.command", attemptId, seq: 1, host: "node1", line: "iptables -t nat -S" })).ok).toBe(true);
    await expect(cell).toHaveAttribute("data-status", "working");
    await expect(cell).toContainText(/^\d+\/\d+$/);

    // Drill in: the student's command log as it happens, and their hosts' state.
    await row.getByRole("button", { name: NICKNAME, exact: true }).click();
    const drill = page.getByTestId("drill-panel");
    await expect(drill.getByTestId("drill-log")).toContainText("iptables -t nat -S");
    await expect(drill.getByTestId("drill-first-failing")).toContainText("First failing goal");
    await expect(drill.getByText(/: iptables-save$/).first()).toBeVisible();
    await expect(drill.locator("pre").first()).toContainText("inet ");
    expect((await ask(socket, { type: "attempt.command", attemptId, seq: 2, host: "node1", line: SOLUTION })).verdict.solved).toBe(true);
    await expect(drill.getByTestId("drill-log")).toContainText("--to-destination 10.244.0.3:8080");
    await expect(cell).toHaveAttribute("data-status", "solved");
    await expect(cell).toContainText("★");
    await expect(page.getByTestId("total-solved")).toHaveText("1");
    await screenshot(page, "teach-dashboard");
    await expectAccessible(page, "the dashboard with a drill-in");

    // Pause and resume change the class's state; a message reaches the student.
    await page.getByRole("button", { name: "Pause" }).click();
    await expect(page.getByTestId("class-status")).toHaveAttribute("data-status", "paused");
    const frozen = await ask(socket, { type: "attempt.command", attemptId, seq: 3, host: "node1", line: "iptables -S" });
    expect(frozen.ok).toBe(false);
    await page.getByRole("button", { name: "Resume" }).click();
    await expect(page.getByTestId("class-status")).toHaveAttribute("data-status", "running");
    await page.getByLabel(/^Text/).fill("Look at the nat table first.");
    await page.getByRole("button", { name: "Send message" }).click();
    await expect(page.getByTestId("broadcast-outcome")).toHaveText("Sent to every student.");
    await expect.poll(() => pushes.find((p) => p.type === "class.message")?.message?.text).toBe("Look at the nat table first.");
  } finally {
    socket.close();
  }

  // End the class (after a confirmation), then the report and its CSV.
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "End class" }).click();
  await expect(page.getByTestId("class-status")).toHaveAttribute("data-status", "ended");
  await page.getByRole("link", { name: "Report" }).click();
  await expect(page).toHaveURL(new RegExp(`/teach/classes/${classId}/report$`));
  const solvedRow = page.getByTestId(`report-${studentId}-${LEVEL}`);
  await expect(solvedRow).toContainText(NICKNAME);
  await expect(solvedRow.getByRole("cell").nth(1)).toHaveText("yes");
  await expect(page.getByTestId("report-table").locator("tbody tr")).toHaveCount(klass.levelIds.length);
  await screenshot(page, "teach-report");
  await expectAccessible(page, "the report");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  const csv = readFileSync((await download.path())!, "utf8").trimEnd().split("\r\n");
  expect(csv[0]).toBe(CSV_HEADER);
  expect(csv).toHaveLength(1 + klass.levelIds.length);
  expect(csv[1]).toMatch(new RegExp(`^${NICKNAME},${LEVEL},yes,\\d+,2,0,[1-3],no$`));

  // Signing out ends the session: the teach pages send you back to sign in.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/teach$/);
  await page.goto("/teach/classes");
  await expect(page).toHaveURL(/\/teach$/);
  await student.dispose();
});

test("a class of chosen levels with instructor pacing opens its levels one by one", async ({ page }) => {
  await page.goto("/teach");
  const signup = page.getByRole("region", { name: "Create an account" });
  await signup.getByLabel("Email", { exact: true }).fill(`pacer-${Date.now()}@school.example`);
  await signup.getByLabel(/^Password/).fill("correct horse battery");
  await signup.getByRole("button", { name: "Create an account" }).click();
  await expect(page).toHaveURL(/\/teach\/classes$/);

  const form = page.getByRole("form", { name: "New class" });
  await form.getByLabel("Title", { exact: true }).fill("Two levels, my pace");
  await form.getByLabel("Chosen levels").check();
  // No level ticked: the form says so and sends nothing.
  await form.getByRole("button", { name: "Create class" }).click();
  await expect(form.getByRole("alert")).toHaveText("Levels: choose at least one level");
  await form.getByLabel("Make pod A reach service B").check();
  await form.getByLabel("Finish a pod's eth0 by hand").check();
  await form.getByLabel(/^Instructor-unlocked/).check();
  await form.getByRole("button", { name: "Create class" }).click();
  await expect(page).toHaveURL(/\/teach\/classes\/[A-Za-z0-9_-]{16,64}$/);

  // The grid shows the class's two levels, in the order of the catalog, before anyone joins.
  await expect(page.getByRole("columnheader")).toHaveText(["Student", /^Finish a pod's eth0 by hand/, /^Make pod A reach service B/]);
  await expect(page.getByText("No students yet.")).toBeVisible();
  await expect(page.getByTestId("unlocked")).toHaveText("1 of 2 levels open");
  await expect(page.getByTestId("connection")).toHaveText("live");
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(page.getByTestId("class-status")).toHaveAttribute("data-status", "running");
  await page.getByRole("button", { name: "Unlock next level" }).click();
  await expect(page.getByTestId("unlocked")).toHaveText("2 of 2 levels open");
  await expect(page.getByRole("button", { name: "Unlock next level" })).toBeDisabled();

  // The class is listed, newest first, with its state.
  await page.getByRole("link", { name: "Your classes" }).click();
  const row = page.getByRole("row", { name: /Two levels, my pace/ });
  await expect(row).toContainText("Running");
  await screenshot(page, "teach-classes");
  await expectAccessible(page, "the classes page");
});
