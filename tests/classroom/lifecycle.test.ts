/** A class over its life, through real sockets: start, pause (terminals freeze), resume, unlock, messages, removal, end. */
import { describe, expect, it } from "vitest";
import { chooseParams } from "../../engine/index";
import { canonicalSeed } from "../../server/classroom/class-seeds";
import { levelInfo } from "../../server/classroom/level-info";
import { LOBBY_ERROR, PAUSED_ERROR, ENDED_ERROR } from "../../server/classroom/student-gate";
import { command, connectClient, connectError, control, createClass, expectError, expectOk, joinAs, openLevel, signUp, startClassServer, studentClient, tempDbFile, v, classServerForFile } from "./harness";

const LEVEL = "svc-reach-service-b";
const SOLUTION = "iptables -t nat -A PREROUTING -d 10.96.0.20/32 -p tcp --dport 80 -j DNAT --to-destination 10.244.0.3:8080";

const server = classServerForFile();

describe("the class lifecycle", () => {
  it("lobby -> running <-> paused -> ended, stored on every transition and pushed to students and dashboard", async () => {
    const teacher = await signUp(server.url);
    const klass = await createClass(teacher);
    const instructor = await connectClient(teacher);
    expectOk(await instructor.send(control("class.watch", klass.id)), "dashboard");
    const { browser } = await joinAs(server.url, klass.code, "ada");
    const student = await studentClient(browser, klass.code);

    expect(expectError(await student.send({ v, type: "attempt.open", levelId: LEVEL }))).toBe(LOBBY_ERROR);
    expect(expectError(await instructor.send(control("class.resume", klass.id)))).toBe("the class is still in the lobby; it cannot be resumed now");

    const started = expectOk(await instructor.send(control("class.start", klass.id)), "class.state");
    expect(started.state).toMatchObject({ status: "running", startedAt: expect.any(String) });
    expect(server.store.classById(klass.id)?.status).toBe("running");
    await student.waitForPush("class.state", (p) => p.state.status === "running");
    await instructor.waitForPush("class.state", (p) => p.state.status === "running");

    const attempt = await openLevel(student, LEVEL);
    expectOk(await student.send(command(attempt.id, 1, "node1", "ip route")), "command");

    expectOk(await instructor.send(control("class.pause", klass.id)), "class.state");
    expect(server.store.classById(klass.id)?.status).toBe("paused");
    expect(await student.waitForPush("paused")).toMatchObject({ classId: klass.id, paused: true });
    const before = server.play.store.counts();
    expect(expectError(await student.send(command(attempt.id, 2, "node1", SOLUTION)))).toBe(PAUSED_ERROR);
    expect(expectError(await student.send({ v, type: "attempt.undo", attemptId: attempt.id }))).toBe(PAUSED_ERROR);
    expect(expectError(await student.send({ v, type: "attempt.hint", attemptId: attempt.id }))).toBe(PAUSED_ERROR);
    expect(server.play.store.counts()).toEqual(before);
    // Looking stays allowed while paused.
    expect((await openLevel(student, LEVEL)).log).toHaveLength(1);

    expectOk(await instructor.send(control("class.resume", klass.id)), "class.state");
    expect(await student.waitForPush("paused", (p) => !p.paused)).toMatchObject({ paused: false });
    const solved = expectOk(await student.send(command(attempt.id, 2, "node1", SOLUTION)), "command");
    expect(solved.verdict.solved).toBe(true);

    const ended = expectOk(await instructor.send(control("class.end", klass.id)), "class.state");
    expect(ended.state).toMatchObject({ status: "ended", endedAt: expect.any(String) });
    expect(server.store.classById(klass.id)?.status).toBe("ended");
    expect(expectError(await student.send(command(attempt.id, 3, "node1", "ip route")))).toBe(ENDED_ERROR);
    expect(expectError(await instructor.send(control("class.start", klass.id)))).toMatch(/has ended/);
    // The machine's snapshot is what is stored.
    const stored = JSON.parse(server.store.classById(klass.id)!.machine) as { value: string; status: string };
    expect(stored).toMatchObject({ value: "ended", status: "done" });
    student.close();
    instructor.close();
  });
});

describe("pacing", () => {
  it("with pacing unlocked, students open only the unlocked levels; the instructor opens the next one", async () => {
    const teacher = await signUp(server.url);
    const klass = await createClass(teacher, { pacing: "unlocked", levelIds: [LEVEL, "pod-eth0-bringup"] });
    expect(klass.unlocked).toBe(1);
    const instructor = await connectClient(teacher);
    expectOk(await instructor.send(control("class.start", klass.id)), "class.state");
    const { browser } = await joinAs(server.url, klass.code, "grace");
    const student = await studentClient(browser, klass.code);
    await openLevel(student, LEVEL);
    expect(expectError(await student.send({ v, type: "attempt.open", levelId: "pod-eth0-bringup" }))).toMatch(/"pod-eth0-bringup" is still locked/);
    expect(expectError(await student.send({ v, type: "attempt.open", levelId: "svc-hairpin" }))).toBe(`"svc-hairpin" is not one of this class's levels`);

    const unlocked = expectOk(await instructor.send(control("class.unlock", klass.id)), "class.state");
    expect(unlocked.state.unlocked).toBe(2);
    await student.waitForPush("class.state", (p) => p.state.unlocked === 2);
    await openLevel(student, "pod-eth0-bringup");
    expect(expectError(await instructor.send(control("class.unlock", klass.id)))).toMatch(/every level is already unlocked \(2 of 2\)/);
    student.close();
    instructor.close();
  });

  it("with free pacing every level is open and unlock is refused", async () => {
    const teacher = await signUp(server.url);
    const klass = await createClass(teacher);
    expect(klass.unlocked).toBe(2);
    const instructor = await connectClient(teacher);
    expect(expectError(await instructor.send(control("class.unlock", klass.id)))).toMatch(/pacing is free/);
    instructor.close();
  });
});

describe("messages", () => {
  it("a broadcast reaches every student; a message to one student reaches only them; both are kept for rejoining", async () => {
    const teacher = await signUp(server.url);
    const klass = await createClass(teacher);
    const instructor = await connectClient(teacher);
    const a = await joinAs(server.url, klass.code, "alan");
    const b = await joinAs(server.url, klass.code, "barbara");
    const sa = await studentClient(a.browser, klass.code);
    const sb = await studentClient(b.browser, klass.code);

    const all = expectOk(await instructor.send(control("class.broadcast", klass.id, { text: "Look at PREROUTING" })), "class.message");
    expect(all.message).toMatchObject({ to: "all", text: "Look at PREROUTING" });
    await sa.waitForPush("class.message", (p) => p.message.id === all.message.id);
    await sb.waitForPush("class.message", (p) => p.message.id === all.message.id);

    const one = expectOk(await instructor.send(control("class.broadcast", klass.id, { text: "alan: check your --dport", studentId: a.joined.student.id })), "class.message");
    expect(one.message).toMatchObject({ to: "student", studentId: a.joined.student.id });
    await sa.waitForPush("class.message", (p) => p.message.id === one.message.id);
    await new Promise((r) => setTimeout(r, 100));
    expect(sb.pushes.some((p) => p.type === "class.message" && p.message.id === one.message.id)).toBe(false);

    const rejoined = expectOk(await sb.send({ v, type: "class.join", code: klass.code }), "class.joined");
    expect(rejoined.joined.messages.map((m) => m.text)).toEqual(["Look at PREROUTING"]);
    const rejoinedA = expectOk(await sa.send({ v, type: "class.join", code: klass.code }), "class.joined");
    expect(rejoinedA.joined.messages.map((m) => m.text)).toEqual(["Look at PREROUTING", "alan: check your --dport"]);
    for (const c of [sa, sb, instructor]) c.close();
  });
});

describe("removing a student", () => {
  it("the student is told, their socket leaves the class, their cookie stops working and the nickname stays taken", async () => {
    const teacher = await signUp(server.url);
    const klass = await createClass(teacher);
    const instructor = await connectClient(teacher);
    expectOk(await instructor.send(control("class.start", klass.id)), "class.state");
    const { browser, joined } = await joinAs(server.url, klass.code, "mallory");
    const student = await studentClient(browser, klass.code);
    const attempt = await openLevel(student, LEVEL);

    expectOk(await instructor.send(control("class.remove", klass.id, { studentId: joined.student.id })), "class.removed");
    await student.waitForPush("class.removed");
    expect(expectError(await student.send(command(attempt.id, 1, "node1", "ip route")))).toBe("the instructor removed you from this class");
    expect(await connectError(browser, { classCode: klass.code })).toBe("the instructor removed you from this class");
    expect((await browser.request("POST", "/api/join", { code: klass.code, nickname: "Mallory" })).status).toBe(403);
    expect(expectError(await instructor.send(control("class.remove", klass.id, { studentId: joined.student.id })))).toMatch(/already removed/);
    student.close();
    instructor.close();
  });
});

describe("variants", () => {
  const params = () => levelInfo("node-stale-neighbour")!.params;
  it("with variants each student plays the variant their own seed picks, the same for every attempt; without, the class shares one", async () => {
    const teacher = await signUp(server.url);
    for (const variants of [true, false]) {
      const klass = await createClass(teacher, { variants, levelIds: ["node-stale-neighbour"] });
      const instructor = await connectClient(teacher);
      expectOk(await instructor.send(control("class.start", klass.id)), "class.state");
      const seeds: number[] = [];
      for (const nick of ["s1", "s2", "s3"]) {
        const { browser, joined } = await joinAs(server.url, klass.code, nick);
        const student = await studentClient(browser, klass.code);
        const attempt = await openLevel(student, "node-stale-neighbour");
        const again = expectOk(await student.send({ v, type: "attempt.reset", attemptId: attempt.id }), "attempt").attempt;
        expect(again.seed).toBe(attempt.seed);
        const own = variants ? server.store.student(joined.student.id)!.seed : server.store.classById(klass.id)!.seed;
        expect(chooseParams(params(), attempt.seed)).toEqual(chooseParams(params(), own));
        expect(attempt.seed).toBe(canonicalSeed("node-stale-neighbour", own));
        seeds.push(attempt.seed);
        student.close();
      }
      if (!variants) expect(new Set(seeds).size).toBe(1);
      instructor.close();
    }
  });

  it("seeds that pick the same variant are one seed, so the server prepares each variant once", () => {
    expect(canonicalSeed("svc-reach-service-b", 123456789)).toBe(0);
    const seeds = new Set(Array.from({ length: 500 }, (_, i) => canonicalSeed("node-stale-neighbour", (i * 2654435761) >>> 0)));
    expect(seeds.size).toBeLessThanOrEqual(3 * 80);
    for (const seed of seeds) expect(canonicalSeed("node-stale-neighbour", seed)).toBe(seed);
  });
});

describe("rate limits", () => {
  it("refuses a student's commands beyond the per-second limit with a clear error, storing nothing", async () => {
    const temp = tempDbFile();
    const tight = await startClassServer(temp.file, { env: { PODPATH_STUDENT_COMMANDS_BURST: "4", PODPATH_STUDENT_COMMANDS_PER_SECOND: "1" } });
    try {
      const teacher = await signUp(tight.url);
      const klass = await createClass(teacher);
      const instructor = await connectClient(teacher);
      expectOk(await instructor.send(control("class.start", klass.id)), "class.state");
      const { browser } = await joinAs(tight.url, klass.code, "speedy");
      const student = await studentClient(browser, klass.code);
      const attempt = await openLevel(student, LEVEL); // one of the 4 tokens (a slow open may earn it back)
      const before = tight.play.store.counts().commands;
      // Eight at once: the gate counts them as they arrive; the first 3 or 4 pass, the rest wait.
      const replies = await Promise.all(Array.from({ length: 8 }, (_, i) => student.send(command(attempt.id, i + 1, "node1", "ip route"))));
      const passed = replies.filter((r) => r.ok).length;
      expect(passed).toBeGreaterThanOrEqual(3);
      expect(passed).toBeLessThanOrEqual(4);
      expect(replies.slice(0, passed).every((r) => r.ok)).toBe(true);
      for (const refused of replies.slice(passed)) expect(expectError(refused)).toMatch(/^slow down: at most 1 commands a second; try again in \d/);
      expect(tight.play.store.counts().commands).toBe(before + passed);
      await new Promise((r) => setTimeout(r, 1100));
      expectOk(await student.send(command(attempt.id, passed + 1, "node1", "ip route")), "command");
      student.close();
      instructor.close();
    } finally {
      await tight.close();
      temp.cleanup();
    }
  });
});
