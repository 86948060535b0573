/**
 * The authorization matrix: actors (anonymous, a student, the same nickname as a student of
 * another class, the owning instructor, another instructor) x every classroom socket event and
 * every route. Only the owner sees and controls a class; a student sees only their own state.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClassStateView } from "../../game/class-protocol";
import { Browser, command, connectClient, control, createClass, expectError, expectOk, joinAs, openLevel, signUp, sleep, startClassServer, studentClient, tempDbFile, v, type Client, type ClassServer } from "./harness";

const LEVEL = "svc-reach-service-b";

let server: ClassServer;
let cleanup: () => void;
let classA: ClassStateView;
let classB: ClassStateView;
let browsers: Record<Actor, Browser>;
let sockets: Record<Actor, Client>;
let studentId: string;
let victimId: string;
let otherStudentId: string;

type Actor = "anonymous" | "student" | "studentElsewhere" | "owner" | "otherInstructor";
const ACTORS: readonly Actor[] = ["anonymous", "student", "studentElsewhere", "owner", "otherInstructor"];
const NOT_OWNERS = ACTORS.filter((a) => a !== "owner");

beforeAll(async () => {
  const temp = tempDbFile();
  cleanup = temp.cleanup;
  server = await startClassServer(temp.file);
  const owner = await signUp(server.url, "owner");
  const other = await signUp(server.url, "other");
  classA = await createClass(owner, { pacing: "unlocked" });
  classB = await createClass(other);
  const a = await joinAs(server.url, classA.code, "ada");
  const b = await joinAs(server.url, classB.code, "ada");
  const victim = await joinAs(server.url, classA.code, "victim");
  studentId = a.joined.student.id;
  otherStudentId = b.joined.student.id;
  victimId = victim.joined.student.id;
  browsers = { anonymous: new Browser(server.url), student: a.browser, studentElsewhere: b.browser, owner, otherInstructor: other };
  sockets = {
    anonymous: await connectClient(browsers.anonymous),
    student: await studentClient(a.browser, classA.code),
    studentElsewhere: await studentClient(b.browser, classB.code),
    owner: await connectClient(owner),
    otherInstructor: await connectClient(other),
  };
  expectOk(await sockets.otherInstructor.send(control("class.start", classB.id)), "class.state");
});
afterAll(async () => {
  for (const s of Object.values(sockets)) s.close();
  await server.close();
  cleanup();
});

const DENIED = /sign in first|there is no class .* among yours/;

describe("socket events", () => {
  it("only the owning instructor can watch, drill, message, unlock, start, pause, resume, remove and end; nobody else changes anything", async () => {
    const steps: [string, Record<string, unknown>, string][] = [
      ["class.watch", {}, "dashboard"],
      ["class.drill", { studentId: "$student" }, "drill"],
      ["class.undrill", {}, "class.undrilled"],
      ["class.broadcast", { text: "hello" }, "class.message"],
      ["class.broadcast", { text: "psst", studentId: "$student" }, "class.message"],
      ["class.unlock", {}, "class.state"],
      ["class.start", {}, "class.state"],
      ["class.pause", {}, "class.state"],
      ["class.resume", {}, "class.state"],
      ["class.remove", { studentId: "$victim" }, "class.removed"],
      ["class.end", {}, "class.state"],
    ];
    const fill = (extra: Record<string, unknown>) => Object.fromEntries(Object.entries(extra).map(([k, val]) => [k, val === "$student" ? studentId : val === "$victim" ? victimId : val]));
    for (const [type, extra, replyType] of steps) {
      for (const actor of NOT_OWNERS) {
        const before = JSON.stringify([server.store.classById(classA.id), server.store.allStudents(classA.id), server.db.sqlite.prepare("select count(*) from class_messages").get()]);
        const error = expectError(await sockets[actor].send(control(type, classA.id, fill(extra))));
        expect(error, `${actor} ${type}`).toMatch(DENIED);
        expect(JSON.stringify([server.store.classById(classA.id), server.store.allStudents(classA.id), server.db.sqlite.prepare("select count(*) from class_messages").get()]), `${actor} ${type}`).toBe(before);
      }
      expectOk(await sockets.owner.send(control(type, classA.id, fill(extra))), replyType as "dashboard");
    }
    // The other instructor's own class stays theirs alone.
    expect(expectError(await sockets.owner.send(control("class.watch", classB.id)))).toMatch(DENIED);
    expect(expectError(await sockets.owner.send(control("class.drill", classA.id, { studentId: otherStudentId })))).toMatch(/no student .* in this class/);
  });

  it("class.join works only for the member of that class", async () => {
    for (const actor of ACTORS) {
      const reply = await sockets[actor].send({ v, type: "class.join", code: classA.code });
      if (actor === "student") expect(expectOk(reply, "class.joined").joined.student.id).toBe(studentId);
      else expect(expectError(reply), actor).toMatch(/has not joined a class|joined another class/);
    }
  });

  it("pushes reach only their audience: no dashboard or drill pushes to students, nothing of class A in class B", async () => {
    await sleep(150);
    const kinds = (actor: Actor) => new Set(sockets[actor].pushes.map((p) => p.type));
    for (const actor of ["anonymous", "student", "studentElsewhere", "otherInstructor"] as const) {
      expect(kinds(actor).has("dashboard.batch"), actor).toBe(false);
      expect(kinds(actor).has("drill.update"), actor).toBe(false);
    }
    expect(sockets.student.pushes.some((p) => p.type === "class.message" && p.message.text === "psst")).toBe(true);
    for (const actor of ["anonymous", "studentElsewhere", "otherInstructor"] as const) {
      expect(JSON.stringify(sockets[actor].pushes), actor).not.toContain(classA.id);
    }
  });
});

describe("students and play", () => {
  it("a student sees only their own attempts: another student's attempt id reads as missing; a verdict cannot be sent", async () => {
    const owner = browsers.owner;
    const klass = await createClass(owner);
    const ownerSocket = await connectClient(owner);
    expectOk(await ownerSocket.send(control("class.start", klass.id)), "class.state");
    const one = await joinAs(server.url, klass.code, "one");
    const two = await joinAs(server.url, klass.code, "two");
    const s1 = await studentClient(one.browser, klass.code);
    const s2 = await studentClient(two.browser, klass.code);
    const a1 = await openLevel(s1, LEVEL);
    expectOk(await s1.send(command(a1.id, 1, "node1", "ip route")), "command");
    const a2 = await openLevel(s2, LEVEL);
    expect(a2.id).not.toBe(a1.id);
    expect(a2.log).toEqual([]);
    for (const msg of [command(a1.id, 2, "node1", "ip route"), { v, type: "attempt.undo", attemptId: a1.id }, { v, type: "attempt.hint", attemptId: a1.id }, { v, type: "attempt.reset", attemptId: a1.id }, { v, type: "attempt.solution", attemptId: a1.id }]) {
      expect(expectError(await s2.send(msg))).toBe(`you have no attempt ${a1.id}`);
    }
    // The anonymous play path cannot reach a class student's attempts either.
    expect(expectError(await sockets.anonymous.send(command(a1.id, 2, "node1", "ip route")))).toBe(`you have no attempt ${a1.id}`);
    // Nothing that marks a level solved is accepted.
    expect(expectError(await s2.send({ ...command(a2.id, 1, "node1", "ip route"), solved: true }))).toMatch(/^bad message: .*solved/);
    expect(expectError(await s2.send({ v, type: "class.solve", classId: klass.id, levelId: LEVEL }))).toMatch(/^bad message: type: /);
    expect(expectError(await s2.send({ v, type: "class.unlock", classId: klass.id }))).toMatch(/sign in first/);
    const me = await two.browser.request("GET", "/api/join/me");
    expect(me.body.joined.progress[LEVEL]).toMatchObject({ status: "working" });
    expect(JSON.stringify(me.body)).not.toContain(one.joined.student.id);
    for (const c of [s1, s2, ownerSocket]) c.close();
  });
});

describe("routes", () => {
  it("every route answers each actor as the matrix says", async () => {
    const owned = (path: string) => `/api/classes/${classA.id}${path}`;
    const expected: Record<string, Partial<Record<Actor, number>> & { method: string; path: string; body?: unknown }> = {
      me: { method: "GET", path: "/api/auth/me", anonymous: 401, student: 401, studentElsewhere: 401, owner: 200, otherInstructor: 200 },
      list: { method: "GET", path: "/api/classes", anonymous: 401, student: 401, studentElsewhere: 401, owner: 200, otherInstructor: 200 },
      create: { method: "POST", path: "/api/classes", body: { title: "x", track: "pod" }, anonymous: 401, student: 401, studentElsewhere: 401, owner: 201, otherInstructor: 201 },
      class: { method: "GET", path: owned(""), anonymous: 401, student: 401, studentElsewhere: 401, owner: 200, otherInstructor: 404 },
      dashboard: { method: "GET", path: owned("/dashboard"), anonymous: 401, student: 401, studentElsewhere: 401, owner: 200, otherInstructor: 404 },
      drill: { method: "GET", path: owned(`/students/${studentId}`), anonymous: 401, student: 401, studentElsewhere: 401, owner: 200, otherInstructor: 404 },
      csv: { method: "GET", path: owned("/report.csv"), anonymous: 401, student: 401, studentElsewhere: 401, owner: 200, otherInstructor: 404 },
      joined: { method: "GET", path: "/api/join/me", anonymous: 401, student: 200, studentElsewhere: 200, owner: 401, otherInstructor: 401 },
    };
    for (const [name, row] of Object.entries(expected)) {
      for (const actor of ACTORS) {
        const answer = await browsers[actor].request(row.method, row.path, row.body);
        expect(answer.status, `${name} as ${actor}`).toBe(row[actor]);
        if (answer.status >= 400) expect(answer.text, `${name} as ${actor}`).not.toContain("ada");
      }
    }
    // A class's own student of another class is not found under this class.
    expect((await browsers.owner.request("GET", owned(`/students/${otherStudentId}`))).status).toBe(404);
    // Each instructor lists only their own classes.
    const listed = await browsers.otherInstructor.request("GET", "/api/classes");
    expect(listed.body.classes.map((c: { id: string }) => c.id)).not.toContain(classA.id);
    // The student elsewhere sees their own class, not class A.
    expect((await browsers.studentElsewhere.request("GET", "/api/join/me")).body.joined.class.id).toBe(classB.id);
    // Sign-up, sign-in and join are open to anyone; sign-out is harmless for anyone.
    for (const actor of ACTORS) expect((await new Browser(server.url).request("POST", "/api/auth/signout")).status, actor).toBe(200);
    // Unknown routes and wrong methods.
    expect((await browsers.owner.request("DELETE", owned(""))).status).toBe(405);
    expect((await browsers.owner.request("GET", "/api/classes/x/y/z/w")).status).toBe(404);
  });
});
