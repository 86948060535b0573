/**
 * The dashboard's live lobby: a student who joins over HTTP shows on the watching dashboards at
 * once (before their page opens its socket), and a second watch of the same class (a projector
 * tab, a reconnect) does not swallow the changes already on their way to the first.
 */
import { describe, expect, it } from "vitest";
import { classServerForFile, connectClient, control, createClass, expectOk, joinAs, signUp, studentClient } from "./harness";

// A long coalescing window, so that the second watch surely lands inside it.
const server = classServerForFile({ flushMs: 400 });

describe("dashboard watchers", () => {
  it("show a student who joined over HTTP, before any socket of theirs connects", async () => {
    const teacher = await signUp(server.url);
    const klass = await createClass(teacher);
    const dashboard = await connectClient(teacher);
    expectOk(await dashboard.send(control("class.watch", klass.id)), "dashboard");
    const { joined } = await joinAs(server.url, klass.code, "<i>bo</i>");
    const push = await dashboard.waitForPush("dashboard.batch", (p) => p.batch.students.some((s) => s.id === joined.student.id), 3000);
    expect(push.batch.students.find((s) => s.id === joined.student.id)).toMatchObject({ nickname: "<i>bo</i>", online: false });
    expect(push.batch.totals.students).toBe(1);
    dashboard.close();
  });

  it("a second watch of the class first sends the first watcher what was pending", async () => {
    const teacher = await signUp(server.url);
    const klass = await createClass(teacher);
    const { browser, joined } = await joinAs(server.url, klass.code, "cy");
    const first = await connectClient(teacher);
    const firstView = expectOk(await first.send(control("class.watch", klass.id)), "dashboard").dashboard;
    expect(firstView.students).toMatchObject([{ id: joined.student.id, online: false }]);
    // The student comes online; within the 400 ms window the projector opens on the same class.
    const student = await studentClient(browser, klass.code);
    const second = await connectClient(teacher);
    const secondView = expectOk(await second.send(control("class.watch", klass.id)), "dashboard").dashboard;
    expect(secondView.students).toMatchObject([{ id: joined.student.id, online: true }]);
    const push = await first.waitForPush("dashboard.batch", (p) => p.batch.students.some((s) => s.id === joined.student.id && s.online), 3000);
    expect(push.batch.seq).toBeGreaterThan(firstView.seq);
    expect(secondView.seq).toBeGreaterThan(push.batch.seq);
    student.close();
    first.close();
    second.close();
  });
});
