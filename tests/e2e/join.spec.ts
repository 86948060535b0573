/**
 * A student in a class, end to end: the instructor is set up through the HTTP API and drives
 * the class over its own socket.io connection (as the dashboard would); the student joins in
 * Chromium from the QR code's link, waits in the lobby, plays a class level in the terminal,
 * is paused and resumed, and reads the instructor's messages as plain text.
 */
import { test as base, request, type APIRequestContext } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import { expect, expectAccessible, expectGoals, lastOutput, run, screen, screenshot, terminal, terminalReady, typeLine, watchErrors } from "./helpers";

const LEVEL = "pod-eth0-bringup";
const GOALS = ["redis-to-api", "api-to-postgres", "keep-ips"];
const PASSWORD = "correct horse battery";

interface Instructor {
  readonly api: APIRequestContext;
  readonly socket: Socket;
  readonly classId: string;
  readonly code: string;
  send(type: string, extra?: Record<string, unknown>): Promise<{ ok: boolean; error?: string }>;
}

async function instructorWithClass(baseURL: string): Promise<Instructor> {
  const api = await request.newContext({ baseURL });
  const signup = await api.post("/api/auth/signup", { data: { email: `join-spec-${Date.now()}@school.example`, password: PASSWORD, name: "Ms Frizzle" } });
  expect(signup.status()).toBe(201);
  const made = await api.post("/api/classes", { data: { title: "Networking <b>101</b>", levelIds: [LEVEL] } });
  expect(made.status()).toBe(201);
  const { id: classId, code } = (await made.json()).class as { id: string; code: string };
  // The instructor's cookies (pp_session, and the pp_player every response sets) travel with the handshake.
  const cookies = (await api.storageState()).cookies;
  expect(cookies.map((c) => c.name), "the sign-up set pp_session").toContain("pp_session");
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const socket = io(baseURL, { transports: ["websocket"], extraHeaders: { cookie }, forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  const send = (type: string, extra: Record<string, unknown> = {}) => socket.timeout(10_000).emitWithAck("pp", { v: 1, type, classId, ...extra });
  return { api, socket, classId, code, send };
}

/** A code of the right shape that is not this class's. */
const otherCode = (code: string) => (code.startsWith("ZZ") ? "YY" : "ZZ") + code.slice(2);

base("a student joins from the QR code's link, waits, plays, is paused and resumed, and reads messages as text", async ({ page, baseURL }) => {
  const errors = watchErrors(page);
  const teacher = await instructorWithClass(baseURL!);
  try {
    // The projector's QR code: /join?code=..., here typed loosely (lower case, a dash).
    const loose = `${teacher.code.slice(0, 3).toLowerCase()}-${teacher.code.slice(3).toLowerCase()}`;
    await page.goto(`/join?code=${loose}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Join a class");
    const code = page.getByLabel("Join code");
    const nickname = page.getByLabel("Nickname");
    await expect(code).toHaveValue(teacher.code);
    await expectAccessible(page, "the join page");

    // Checked in the browser first, naming the field.
    await page.getByRole("button", { name: "Join the class" }).click();
    await expect(page.getByText(/^Nickname is empty/)).toBeVisible();
    await expect(nickname).toBeFocused();
    await expect(nickname).toHaveAttribute("aria-invalid", "true");
    await code.fill("AB0");
    await nickname.fill("<i>pat</i>");
    await page.getByRole("button", { name: "Join the class" }).click();
    await expect(page.getByText(/^Join code uses only 31 letters and digits/)).toBeVisible();
    await expect(code).toBeFocused();

    // A code of the right shape that no open class has: the server's words.
    await code.fill(otherCode(teacher.code));
    await page.getByRole("button", { name: "Join the class" }).click();
    const refusal = page.getByRole("alert").filter({ hasText: "Could not join:" });
    await expect(refusal).toBeVisible();
    await expect(refusal).toContainText(otherCode(teacher.code));
    await expect(page).toHaveURL(/\/join\?/);
    await screenshot(page, "join-wrong-code");

    // The right code: the class page, in the lobby.
    await code.fill(teacher.code.toLowerCase());
    await page.getByRole("button", { name: "Join the class" }).click();
    await expect(page).toHaveURL(/\/class$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Networking <b>101</b>");
    await expect(page.getByText("you are")).toContainText("<i>pat</i>");
    const state = page.getByTestId("class-state");
    await expect(state).toHaveAttribute("data-status", "lobby");
    await expect(state).toContainText("Waiting for your instructor to start");
    await expect(page.getByText("Connected: live.")).toBeVisible();
    await expect(page.getByTestId(`class-level-${LEVEL}`)).toContainText("Opens when the class starts");
    await expect(page.getByRole("link", { name: /Finish a pod's eth0 by hand/ })).toHaveCount(0);
    await screenshot(page, "class-lobby");
    await expectAccessible(page, "the class page in the lobby");

    // The join page now offers the way back in.
    await page.goto("/join");
    await expect(page.getByRole("link", { name: "Continue in Networking <b>101</b>" })).toBeVisible();
    await page.getByRole("link", { name: "Continue in Networking <b>101</b>" }).click();
    await expect(page).toHaveURL(/\/class$/);
    await expect(state).toHaveAttribute("data-status", "lobby");

    // The instructor starts the class: the page follows without a reload.
    expect(await teacher.send("class.start")).toMatchObject({ ok: true });
    await expect(state).toHaveAttribute("data-status", "running");
    await expect(state).toContainText("The class is running");
    await expectAccessible(page, "the class page, running");

    // Open the level and play it through the terminal.
    await page.getByRole("link", { name: /Finish a pod's eth0 by hand/ }).click();
    await expect(page).toHaveURL(new RegExp(`/class/play/${LEVEL}$`));
    await terminalReady(page, "api");
    await expect(page.getByTestId("class-bar")).toContainText("Networking <b>101</b>");
    await expect(page.getByTestId("class-status")).toHaveText("Running");
    await expectGoals(page, ["redis-to-api", "api-to-postgres"], { local: "fail", server: "fail" });
    const briefing = (await page.getByRole("region", { name: "Briefing" }).textContent()) ?? "";
    const octet = /reserved 10\.244\.0\.(\d+) for the pod/.exec(briefing)?.[1];
    expect(octet, `the briefing names the reserved address: ${briefing.slice(0, 300)}`).toBeDefined();
    await typeLine(page, "api", `ip addr add 10.244.0.${octet}/24 dev eth0`);
    await typeLine(page, "api", "ip link set eth0 up");
    await typeLine(page, "api", "ip route add default via 10.244.0.1");
    await expectGoals(page, GOALS, { local: "pass" });
    await expectGoals(page, GOALS, { server: "pass" });
    await expect(page.getByTestId("success")).toContainText("Level solved");
    await screenshot(page, "class-play-solved");

    // Paused: the banner, the terminal takes no input, and the attempt's buttons are off.
    await expect(page.getByTestId("class-paused")).toHaveCount(0);
    expect(await teacher.send("class.pause")).toMatchObject({ ok: true });
    const paused = page.getByTestId("class-paused");
    await expect(paused).toBeVisible();
    await expect(paused).toContainText("Paused by your instructor");
    await expect(page.getByTestId("class-status")).toHaveText("Paused by your instructor");
    await expect(page.getByRole("button", { name: "Undo" })).toBeDisabled();
    await expect(page.getByRole("button", { name: "Reset" })).toBeDisabled();
    // The terminal cannot take the focus, so what the student types goes nowhere.
    const spoken = await lastOutput(page, "api").textContent();
    const textarea = terminal(page, "api").locator(".xterm-helper-textarea");
    await textarea.focus();
    await expect(textarea).not.toBeFocused();
    await page.keyboard.type("ip route del default");
    await page.keyboard.press("Enter");
    await page.waitForTimeout(800);
    await expect(screen(page, "api")).not.toContainText("ip route del default");
    await expect(lastOutput(page, "api")).toHaveText(spoken ?? "");
    await expectGoals(page, GOALS, { local: "pass", server: "pass" });
    await screenshot(page, "class-play-paused");

    // Messages are text: markup shows as typed. One to everyone, one to this student.
    expect(await teacher.send("class.broadcast", { text: "Look at <b>markup</b> & the route table" })).toMatchObject({ ok: true });
    const toast = page.getByTestId("class-message");
    await expect(toast).toContainText("Look at <b>markup</b> & the route table");
    await expect(toast.locator("b")).toHaveCount(0);
    const dashboard = await (await teacher.api.get(`/api/classes/${teacher.classId}/dashboard`)).json();
    const studentId = dashboard.dashboard.students.find((s: { nickname: string }) => s.nickname === "<i>pat</i>").id as string;
    expect(await teacher.send("class.broadcast", { text: "Well done, pat", studentId })).toMatchObject({ ok: true });
    await expect(toast).toContainText("Your instructor, to you:");
    await expect(toast).toContainText("Well done, pat");
    await page.getByRole("button", { name: "Dismiss" }).click();
    await expect(toast).toHaveCount(0);

    // Resumed: typing works again.
    expect(await teacher.send("class.resume")).toMatchObject({ ok: true });
    await expect(paused).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Undo" })).toBeEnabled();
    const shown = await run(page, "api", "ip -4 addr show dev eth0");
    expect(shown).toContain(`inet 10.244.0.${octet}/24`);
    await expect(terminal(page, "api")).toBeVisible();

    // Back on the class page: solved, and the messages newest first, as text.
    await page.getByTestId("class-bar").getByRole("link", { name: /Networking/ }).click();
    await expect(page).toHaveURL(/\/class$/);
    await expect(page.getByTestId(`class-level-${LEVEL}`)).toContainText("Solved");
    const messages = page.getByTestId("class-messages").getByRole("listitem");
    await expect(messages).toHaveCount(2);
    await expect(messages.nth(0)).toContainText("To you");
    await expect(messages.nth(0)).toContainText("Well done, pat");
    await expect(messages.nth(1)).toContainText("Look at <b>markup</b> & the route table");
    await expect(page.getByTestId("class-messages").locator("b")).toHaveCount(0);
    await screenshot(page, "class-running-messages");
    await expectAccessible(page, "the class page with messages");

    // A message while on the class page arrives live, at the top.
    expect(await teacher.send("class.broadcast", { text: "Five minutes left" })).toMatchObject({ ok: true });
    await expect(messages).toHaveCount(3);
    await expect(messages.nth(0)).toContainText("Five minutes left");

    // Ended: the level is read-only, with a banner.
    expect(await teacher.send("class.end")).toMatchObject({ ok: true });
    await expect(state).toHaveAttribute("data-status", "ended");
    await page.getByRole("link", { name: /Finish a pod's eth0 by hand/ }).click();
    await terminalReady(page, "api");
    await expect(page.getByTestId("class-ended")).toBeVisible();
    await expect(page.getByRole("button", { name: "Undo" })).toBeDisabled();

    // A level that is not the class's: a page that says so, with the way back.
    await page.goto("/class/play/svc-reach-service-b");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not a level of this class");
    await expect(page.getByRole("link", { name: "Back to Networking <b>101</b>" })).toBeVisible();
  } finally {
    teacher.socket.close();
    await teacher.api.dispose();
  }
  // The wrong code's refusal is the only HTTP error the page may have met.
  const expected = (e: string) => /HTTP 404: POST .*\/api\/join$/.test(e) || (e.startsWith("console.error: Failed to load resource") && e.includes("/api/join"));
  expect(errors.filter((e) => !expected(e)), "page errors, console errors and HTTP errors").toEqual([]);
});

base("a student removed by the instructor is told so, live and after a reload", async ({ page, baseURL }) => {
  const errors = watchErrors(page);
  const teacher = await instructorWithClass(baseURL!);
  try {
    await page.goto(`/join?code=${teacher.code}`);
    await page.getByLabel("Nickname").fill("sam");
    await page.getByRole("button", { name: "Join the class" }).click();
    await expect(page.getByTestId("class-state")).toHaveAttribute("data-status", "lobby");
    await expect(page.getByText("Connected: live.")).toBeVisible();
    const dashboard = await (await teacher.api.get(`/api/classes/${teacher.classId}/dashboard`)).json();
    const studentId = dashboard.dashboard.students[0].id as string;
    expect(await teacher.send("class.remove", { studentId })).toMatchObject({ ok: true });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("You were removed from this class");
    await expect(page.getByTestId("class-notice")).toContainText("Networking <b>101</b>");
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("You were removed from this class");
    await page.goto("/join");
    await expect(page.getByText("Your instructor removed you from")).toContainText("Networking <b>101</b>");
  } finally {
    teacher.socket.close();
    await teacher.api.dispose();
  }
  expect(errors, "page errors, console errors and HTTP errors").toEqual([]);
});
