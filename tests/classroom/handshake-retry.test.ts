/**
 * A handshake the server could not check (its database failed) is refused with `data.retry`,
 * and the pages' retry (app/_lib/retry-refusal.ts) brings the student in once the check works
 * again; a final refusal (a removed student) is not retried. Real server, SQLite file and client.
 */
import { io as connect, type Socket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { mayPass, retryPassingRefusals } from "../../app/_lib/retry-refusal";
import { Browser, classServerForFile, connectClient, control, createClass, expectOk, joinAs, signUp, sleep } from "./harness";

const server = classServerForFile();
const sockets: Socket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});

function studentSocket(browser: Browser, code: string): Socket {
  const socket = connect(browser.url, { transports: ["websocket"], extraHeaders: { cookie: browser.cookieHeader() }, forceNew: true, reconnection: true, auth: { classCode: code } });
  sockets.push(socket);
  return socket;
}

describe("handshake refusals", () => {
  it("a failed membership check is refused with data.retry, and the retry connects once the database answers again", async () => {
    const teacher = await signUp(server.url);
    const klass = await createClass(teacher);
    const { browser } = await joinAs(server.url, klass.code, "retry-me");
    await browser.ensurePlayer();
    server.db.sqlite.exec("ALTER TABLE class_students RENAME TO class_students_away");
    const errors: Error[] = [];
    let socket: Socket;
    try {
      socket = studentSocket(browser, klass.code);
      socket.on("connect_error", (e) => errors.push(e));
      const stop = retryPassingRefusals(socket, [150]);
      // Refused at least twice while the table is away: the first refusal and a retry of it.
      for (let i = 0; i < 100 && errors.length < 2; i++) await sleep(20);
      expect(errors.length).toBeGreaterThanOrEqual(2);
      expect(errors[0]!.message).toBe("the server cannot check class memberships right now; trying again");
      expect(mayPass(errors[0]!)).toBe(true);
      expect(socket.connected).toBe(false);
      server.db.sqlite.exec("ALTER TABLE class_students_away RENAME TO class_students");
      await new Promise<void>((resolve) => (socket.connected ? resolve() : socket.once("connect", () => resolve())));
      stop();
    } finally {
      const tables = server.db.sqlite.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'class_students%'").all() as { name: string }[];
      if (tables.some((t) => t.name === "class_students_away")) server.db.sqlite.exec("ALTER TABLE class_students_away RENAME TO class_students");
    }
    // Connected as the student: the class answers.
    const joined = await socket.timeout(5000).emitWithAck("pp", { v: 1, type: "class.join", code: klass.code });
    expect(joined).toMatchObject({ ok: true, type: "class.joined" });
  });

  it("a final refusal (a removed student) carries no retry, and the socket stays closed", async () => {
    const teacher = await signUp(server.url);
    const klass = await createClass(teacher);
    const { browser, joined } = await joinAs(server.url, klass.code, "removed-one");
    const instructor = await connectClient(teacher);
    expectOk(await instructor.send(control("class.remove", klass.id, { studentId: joined.student.id })), "class.removed");
    instructor.socket.close();
    const socket = studentSocket(browser, klass.code);
    const errors: Error[] = [];
    socket.on("connect_error", (e) => errors.push(e));
    retryPassingRefusals(socket, [50]);
    await sleep(400);
    expect(errors.map((e) => e.message)).toEqual(["the instructor removed you from this class"]);
    expect(mayPass(errors[0]!)).toBe(false);
    expect(socket.connected).toBe(false);
  });
});
