/** The dashboard (first view, coalesced batches, stuck), the read-only drill-in, and the CSV report. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DashboardCell, DashboardView } from "../../game/class-protocol";
import { csvText } from "../../server/classroom/report-csv";
import { studentPlayerId } from "../../server/classroom/student-player";
import { command, connectClient, control, createClass, expectOk, joinAs, openLevel, signUp, sleep, startClassServer, studentClient, tempDbFile, v, type ClassServer } from "./harness";

const LEVEL = "svc-reach-service-b";
const SOLUTION = "iptables -t nat -A PREROUTING -d 10.96.0.20/32 -p tcp --dport 80 -j DNAT --to-destination 10.244.0.3:8080";

let server: ClassServer;
let cleanup: () => void;
beforeAll(async () => {
  const temp = tempDbFile();
  cleanup = temp.cleanup;
  server = await startClassServer(temp.file, { flushMs: 50, sweepMs: 200 });
});
afterAll(async () => {
  await server.close();
  cleanup();
});

async function runningClass(body: Record<string, unknown> = {}) {
  const teacher = await signUp(server.url);
  const klass = await createClass(teacher, body);
  const instructor = await connectClient(teacher);
  expectOk(await instructor.send(control("class.start", klass.id)), "class.state");
  return { teacher, klass, instructor };
}

const cellOf = (view: { cells: readonly DashboardCell[] }, studentId: string, levelId: string) => view.cells.find((c) => c.studentId === studentId && c.levelId === levelId);

describe("the dashboard", () => {
  it("first view from the database: students x levels with not started, working k/n, solved with stars; class totals", async () => {
    const { teacher, klass, instructor } = await runningClass();
    const a = await joinAs(server.url, klass.code, "solver");
    const b = await joinAs(server.url, klass.code, "worker");
    await joinAs(server.url, klass.code, "idle");
    const sa = await studentClient(a.browser, klass.code);
    const sb = await studentClient(b.browser, klass.code);
    const at = await openLevel(sa, LEVEL);
    expectOk(await sa.send(command(at.id, 1, "node1", SOLUTION)), "command");
    const bt = await openLevel(sb, LEVEL);
    expectOk(await sb.send(command(bt.id, 1, "node1", "ip route")), "command");
    expectOk(await sb.send({ v, type: "attempt.hint", attemptId: bt.id }), "hint");

    const view = (await teacher.request("GET", `/api/classes/${klass.id}/dashboard`)).body.dashboard as DashboardView;
    expect(view.students.map((s) => [s.nickname, s.online])).toEqual([
      ["solver", true],
      ["worker", true],
      ["idle", false],
    ]);
    expect(view.levels.map((l) => l.id)).toEqual([LEVEL, "pod-eth0-bringup"]);
    expect(cellOf(view, a.joined.student.id, LEVEL)).toMatchObject({ status: "solved", stars: 3, passed: 3, total: 3, commands: 1, hintsUsed: 0, solvedAt: expect.any(String) });
    expect(cellOf(view, b.joined.student.id, LEVEL)).toMatchObject({ status: "working", stars: 0, passed: 1, total: 3, commands: 1, hintsUsed: 1 });
    expect(cellOf(view, b.joined.student.id, "pod-eth0-bringup")).toBeUndefined();
    expect(view.totals).toMatchObject({ students: 3, online: 2, solved: 1, working: 1, stuck: 0, notStarted: 4 });
    expect(view.totals.levels[0]).toEqual({ levelId: LEVEL, solved: 1, working: 1, stuck: 0, notStarted: 1 });
    // class.watch answers the same view.
    const watched = expectOk(await instructor.send(control("class.watch", klass.id)), "dashboard").dashboard;
    expect({ ...watched, at: "", seq: 0 }).toEqual({ ...view, at: "", seq: 0 });
    for (const c of [sa, sb, instructor]) c.close();
  });

  it("then pushes coalesced batches: many commands in a burst arrive as few batches, ending in the stored state", async () => {
    const { teacher, klass, instructor } = await runningClass();
    const s = await joinAs(server.url, klass.code, "burst");
    const student = await studentClient(s.browser, klass.code);
    const watched = expectOk(await instructor.send(control("class.watch", klass.id)), "dashboard").dashboard;
    const attempt = await openLevel(student, LEVEL);
    for (let seq = 1; seq <= 10; seq++) expectOk(await student.send(command(attempt.id, seq, "node1", "ip route")), "command");
    const last = await instructor.waitForPush("dashboard.batch", (p) => p.batch.cells.some((c) => c.commands === 10));
    const batches = instructor.pushes.filter((p) => p.type === "dashboard.batch");
    expect(batches.length).toBeLessThan(10);
    expect(batches.every((p, i) => p.type === "dashboard.batch" && p.batch.seq > watched.seq && (i === 0 || p.batch.seq > (batches[i - 1] as typeof last).batch.seq))).toBe(true);
    expect(cellOf(last.batch, s.joined.student.id, LEVEL)).toMatchObject({ status: "working", commands: 10, passed: 1, total: 3 });
    expect(last.batch.totals).toMatchObject({ students: 1, online: 1, working: 1 });
    // Solving shows up as solved with stars.
    expectOk(await student.send(command(attempt.id, 11, "node1", SOLUTION)), "command");
    const solved = await instructor.waitForPush("dashboard.batch", (p) => p.batch.cells.some((c) => c.status === "solved"));
    expect(cellOf(solved.batch, s.joined.student.id, LEVEL)).toMatchObject({ stars: 3, commands: 11 });
    // A batch's totals are the class's totals as the first view counts them.
    const view = (await teacher.request("GET", `/api/classes/${klass.id}/dashboard`)).body.dashboard as DashboardView;
    expect(solved.batch.totals).toEqual(view.totals);
    expect(solved.batch.totals.solved).toBe(1);
    // Going offline is pushed too.
    student.close();
    const offline = await instructor.waitForPush("dashboard.batch", (p) => p.batch.students.some((x) => !x.online));
    expect(offline.batch.totals.online).toBe(0);
    instructor.close();
  });

  it("a working student with no new passing goal for stuckMinutes shows as stuck (first view and pushes)", async () => {
    const { teacher, klass, instructor } = await runningClass({ stuckMinutes: 1 });
    const s = await joinAs(server.url, klass.code, "stuck");
    const student = await studentClient(s.browser, klass.code);
    expectOk(await instructor.send(control("class.watch", klass.id)), "dashboard");
    // Pretend the attempt began, and its best verdict came, two minutes ago. The play worker is
    // the only writer of its students' attempts and keeps their dashboard cells from its own
    // writes: the rows are rewritten before it has written any of this student's.
    const begun = server.play.handleMessage(studentPlayerId(s.joined.student.id), { v, type: "attempt.open", levelId: LEVEL });
    if (!begun.ok || begun.type !== "attempt") throw new Error("no attempt");
    const past = new Date(Date.now() - 120_000).toISOString();
    server.db.sqlite.prepare("update verdicts set created_at = ? where attempt_id = ?").run(past, begun.attempt.id);
    server.db.sqlite.prepare("update attempts set started_at = ? where id = ?").run(past, begun.attempt.id);
    const attempt = await openLevel(student, LEVEL);
    expect(attempt.id).toBe(begun.attempt.id);
    expectOk(await student.send(command(attempt.id, 1, "node1", "ip route")), "command");
    const pushed = await instructor.waitForPush("dashboard.batch", (p) => p.batch.cells.some((c) => c.status === "stuck"));
    expect(pushed.batch.totals.stuck).toBe(1);
    const view = (await teacher.request("GET", `/api/classes/${klass.id}/dashboard`)).body.dashboard as DashboardView;
    expect(cellOf(view, s.joined.student.id, LEVEL)).toMatchObject({ status: "stuck", lastProgressAt: past });
    // Paused, nobody is stuck; the sweep pushes the change.
    expectOk(await instructor.send(control("class.pause", klass.id)), "class.state");
    await instructor.waitForPush("dashboard.batch", (p) => p.batch.cells.some((c) => c.status === "working"));
    // Progress clears it.
    expectOk(await instructor.send(control("class.resume", klass.id)), "class.state");
    expectOk(await student.send(command(attempt.id, 2, "node1", SOLUTION)), "command");
    await instructor.waitForPush("dashboard.batch", (p) => p.batch.cells.some((c) => c.status === "solved"));
    student.close();
    instructor.close();
  });
});

describe("drill-in", () => {
  it("shows one student's log, host state and first failing goal, read-only, then pushes their changes", async () => {
    const { teacher, klass, instructor } = await runningClass();
    const s = await joinAs(server.url, klass.code, "drilled");
    const student = await studentClient(s.browser, klass.code);
    const attempt = await openLevel(student, LEVEL);
    expectOk(await student.send(command(attempt.id, 1, "node1", "ip link set cni0 mtu 1400")), "command");

    const drill = expectOk(await instructor.send(control("class.drill", klass.id, { studentId: s.joined.student.id })), "drill").drill;
    expect(drill).toMatchObject({ levelId: LEVEL, attemptId: attempt.id, student: { nickname: "drilled", online: true } });
    expect(drill.log.map((e) => e.line)).toEqual(["ip link set cni0 mtu 1400"]);
    expect(drill.firstFailing).toMatchObject({ id: "a-reaches-b", text: expect.stringContaining("pod-a connects to service b"), explanation: expect.any(String) });
    const node1 = drill.hosts.find((h) => h.host === "node1")!;
    expect(node1.ipAddr).toContain("cni0");
    expect(node1.ipAddr).toContain("mtu 1400");
    expect(node1.ipRoute).toContain("10.244.0.0/24 dev cni0");
    expect(node1.iptablesSave).toContain("*nat");
    expect(drill.hosts.map((h) => h.host)).toEqual(expect.arrayContaining(["pod-a", "pod-b"]));
    const viaHttp = await teacher.request("GET", `/api/classes/${klass.id}/students/${s.joined.student.id}?level=${LEVEL}`);
    expect({ ...viaHttp.body.drill, at: "" }).toEqual({ ...drill, at: "" });

    expectOk(await student.send(command(attempt.id, 2, "node1", SOLUTION)), "command");
    const update = await instructor.waitForPush("drill.update", (p) => p.drill.log.length === 2);
    expect(update.drill.verdict?.solved).toBe(true);
    expect(update.drill.firstFailing).toBeUndefined();
    expect(update.drill.hosts.find((h) => h.host === "node1")!.iptablesSave).toContain("--to-destination 10.244.0.3:8080");

    expectOk(await instructor.send(control("class.undrill", klass.id)), "class.undrilled");
    expectOk(await student.send(command(attempt.id, 3, "node1", "ip route")), "command");
    await sleep(200);
    expect(instructor.pushes.filter((p) => p.type === "drill.update").length).toBe(1);
    student.close();
    instructor.close();
  });
});

describe("the CSV report", () => {
  it("has one row per student and level, quotes properly, and keeps formulas as text", async () => {
    const { teacher, klass } = await runningClass();
    const evil = await joinAs(server.url, klass.code, "=cmd()");
    await joinAs(server.url, klass.code, 'Bob "the, builder"');
    await joinAs(server.url, klass.code, "<script>alert(1)</script>");
    const student = await studentClient(evil.browser, klass.code);
    const attempt = await openLevel(student, LEVEL);
    expectOk(await student.send(command(attempt.id, 1, "node1", "ip route")), "command");
    expectOk(await student.send(command(attempt.id, 2, "node1", SOLUTION)), "command");
    expectOk(await student.send({ v, type: "attempt.hint", attemptId: attempt.id }), "hint");

    const answer = await teacher.request("GET", `/api/classes/${klass.id}/report.csv`);
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(answer.headers["content-disposition"]).toMatch(new RegExp(`^attachment; filename="podpath-class-${klass.code}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    const lines = answer.text.split("\r\n");
    expect(lines[0]).toBe("student,level,solved,time_seconds,commands,hints_used,stars,solution_shown");
    expect(lines).toHaveLength(1 + 3 * 2 + 1);
    expect(lines[lines.length - 1]).toBe("");
    expect(lines[1]).toMatch(new RegExp(`^'=cmd\\(\\),${LEVEL},yes,\\d+,2,1,3,no$`));
    expect(lines[2]).toBe("'=cmd(),pod-eth0-bringup,no,,0,0,0,no");
    expect(lines[3]).toBe(`"Bob ""the, builder""",${LEVEL},no,,0,0,0,no`);
    expect(lines[5]).toBe(`<script>alert(1)</script>,${LEVEL},no,,0,0,0,no`);
    student.close();
  });

  it("escapes every formula lead-in and anything that needs quotes", () => {
    expect(["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"].map(csvText)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "\"'\rx\""]);
    expect(csvText("a,b")).toBe('"a,b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText("two\nlines")).toBe('"two\nlines"');
    expect(csvText("plain")).toBe("plain");
  });
});
