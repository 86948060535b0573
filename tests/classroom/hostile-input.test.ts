/** Hostile input: markup stays plain text end to end; every payload is validated; oversized messages cannot hurt the server. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClassStateView } from "../../game/class-protocol";
import { Browser, connectClient, control, createClass, expectError, expectOk, joinAs, signUp, startClassServer, studentClient, tempDbFile, v, type Browser as B, type Client, type ClassServer } from "./harness";

const SCRIPT = `<script>alert("x")</script>`;
const IMG = `<img src=x onerror="alert(1)">&amp; ' " \` ${"\u00e9"}`;

let server: ClassServer;
let cleanup: () => void;
let teacher: B;
let klass: ClassStateView;
let instructor: Client;
beforeAll(async () => {
  const temp = tempDbFile();
  cleanup = temp.cleanup;
  server = await startClassServer(temp.file);
  teacher = await signUp(server.url);
  klass = await createClass(teacher, { title: SCRIPT });
  instructor = await connectClient(teacher);
});
afterAll(async () => {
  instructor.close();
  await server.close();
  cleanup();
});

describe("markup is text", () => {
  it("nicknames, titles and messages with markup are stored and returned exactly as typed", async () => {
    expect(klass.title).toBe(SCRIPT);
    const { browser, joined } = await joinAs(server.url, klass.code, SCRIPT);
    expect(joined.student.nickname).toBe(SCRIPT);
    expect(joined.class.title).toBe(SCRIPT);
    expect(server.store.student(joined.student.id)!.nickname).toBe(SCRIPT);
    const student = await studentClient(browser, klass.code);
    const sent = expectOk(await instructor.send(control("class.broadcast", klass.id, { text: IMG })), "class.message");
    expect(sent.message.text).toBe(IMG);
    expect((await student.waitForPush("class.message")).message.text).toBe(IMG);
    const dashboard = expectOk(await instructor.send(control("class.watch", klass.id)), "dashboard").dashboard;
    expect(dashboard.students.map((s) => s.nickname)).toContain(SCRIPT);
    expect(dashboard.class.title).toBe(SCRIPT);
    const drill = expectOk(await instructor.send(control("class.drill", klass.id, { studentId: joined.student.id })), "drill").drill;
    expect(drill.student.nickname).toBe(SCRIPT);
    const me = await browser.request("GET", "/api/join/me");
    expect(me.text).toContain(JSON.stringify(SCRIPT).slice(1, -1));
    expect(me.body.joined.messages[0].text).toBe(IMG);
    expect(me.headers["content-type"]).toBe("application/json; charset=utf-8");
    student.close();
  });
});

describe("every payload is validated", () => {
  const id = "A".repeat(22);
  const cases: [string, () => unknown, RegExp][] = [
    ["null", () => null, /^bad message: message: /],
    ["an array", () => [1, 2], /^bad message: message: /],
    ["a string", () => "class.start", /^bad message: message: /],
    ["a number", () => 42, /^bad message: message: /],
    ["an unknown class message", () => ({ v, type: "class.delete", classId: klass.id }), /^bad message: type: /],
    ["the wrong version", () => ({ v: 2, type: "class.start", classId: klass.id }), /^bad message: v: must be 1/],
    ["no class id", () => ({ v, type: "class.start" }), /^bad message: classId: /],
    ["a class id with markup", () => ({ v, type: "class.start", classId: SCRIPT }), /^bad message: classId: is not an id/],
    ["a class id that is an object", () => ({ v, type: "class.pause", classId: { $ne: "" } }), /^bad message: classId: /],
    ["an extra field", () => ({ v, type: "class.end", classId: klass.id, force: true }), /^bad message: message: .*force/],
    ["a prototype key", () => JSON.parse(`{"v":1,"type":"class.resume","classId":"${klass.id}","__proto__":{"admin":true}}`), /^bad message: message: .*__proto__/],
    ["an empty broadcast", () => ({ v, type: "class.broadcast", classId: klass.id, text: "  " }), /^bad message: text: is empty/],
    ["a huge broadcast", () => ({ v, type: "class.broadcast", classId: klass.id, text: "x".repeat(1001) }), /^bad message: text: is longer than 1000 characters/],
    ["a broadcast with control characters", () => ({ v, type: "class.broadcast", classId: klass.id, text: "a\u0000b" }), /^bad message: text: has control characters/],
    ["a broadcast that is not text", () => ({ v, type: "class.broadcast", classId: klass.id, text: ["a"] }), /^bad message: text: must be text/],
    ["a broadcast to a bad student id", () => ({ v, type: "class.broadcast", classId: klass.id, text: "hi", studentId: "../x" }), /^bad message: studentId: is not an id/],
    ["a remove without a student", () => ({ v, type: "class.remove", classId: klass.id }), /^bad message: studentId: /],
    ["a drill of a bad level", () => ({ v, type: "class.drill", classId: klass.id, studentId: id, levelId: "../../etc" }), /^bad message: levelId: is not a level id/],
    ["a join without a code", () => ({ v, type: "class.join" }), /^bad message: code: /],
    ["a join with a code that is too long", () => ({ v, type: "class.join", code: "A".repeat(100) }), /^bad message: code: is not a join code/],
    ["a join with a nickname (not part of the socket join)", () => ({ v, type: "class.join", code: klass.code, nickname: "x" }), /^bad message: message: .*nickname/],
  ];

  it.each(cases)("%s gets an error ack naming the field, and nothing changes", async (_name, payload, error) => {
    const before = JSON.stringify([server.store.classById(klass.id), server.db.sqlite.prepare("select count(*) as n from class_messages").get(), server.play.store.counts()]);
    expect(expectError(await instructor.send(payload()))).toMatch(error);
    expect(JSON.stringify([server.store.classById(klass.id), server.db.sqlite.prepare("select count(*) as n from class_messages").get(), server.play.store.counts()])).toBe(before);
  });

  it("the routes validate too: bad ids in paths, bad bodies, wrong types", async () => {
    const bad = [
      await teacher.request("GET", `/api/classes/${encodeURIComponent(SCRIPT)}`),
      await teacher.request("GET", `/api/classes/${klass.id}/students/${encodeURIComponent("<x>")}`),
      await teacher.request("GET", `/api/classes/%E0%A4%A/dashboard`),
    ];
    expect(bad.map((a) => a.status)).toEqual([404, 404, 404]);
    expect((await teacher.request("GET", `/api/classes/${klass.id}/students/${id}?level=nope`)).status).toBe(404);
    const joins = [
      { code: klass.code },
      { nickname: "x" },
      { code: 123456, nickname: "x" },
      { code: klass.code, nickname: { first: "x" } },
      null,
      "just a string",
    ];
    for (const body of joins) expect((await new Browser(server.url).request("POST", "/api/join", body)).status, JSON.stringify(body)).toBe(400);
  });
});

describe("message size", () => {
  it("a socket message over the size limit closes that connection only; the server keeps serving", async () => {
    const victim = await connectClient(new Browser(server.url));
    const closed = new Promise<string>((resolve) => victim.socket.once("disconnect", resolve));
    victim.socket.emit("pp", { v, type: "class.broadcast", classId: klass.id, text: "x".repeat(100_000) }, () => {});
    expect(await closed).toMatch(/transport (close|error)/);
    expectOk(await instructor.send(control("class.watch", klass.id)), "dashboard");
  });
});
