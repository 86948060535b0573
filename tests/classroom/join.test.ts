/** Students joining: code + nickname, the pp_student cookie, rejoining, the nickname rule, and the join limits. */
import { describe, expect, it } from "vitest";
import { Browser, connectError, control, connectClient, createClass, expectOk, joinAs, signUp, sleep, startClassServer, studentClient, tempDbFile, v, classServerForFile } from "./harness";

const server = classServerForFile();

describe("joining", () => {
  it("a code (typed loosely) and a nickname give an HttpOnly pp_student cookie; the student plays as a player no cookie can name", async () => {
    const teacher = await signUp(server.url);
    const klass = await createClass(teacher);
    const browser = new Browser(server.url);
    const loose = `${klass.code.slice(0, 3).toLowerCase()}-${klass.code.slice(3)} `;
    const answer = await browser.request("POST", "/api/join", { code: loose, nickname: "  Ada   Lovelace " });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ student: { nickname: "Ada Lovelace" }, class: { id: klass.id, code: klass.code, status: "lobby" } });
    const cookie = ([] as string[]).concat(answer.headers["set-cookie"] ?? []).find((c) => c.startsWith("pp_student="))!;
    expect(cookie).toMatch(/^pp_student=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Lax; Path=\/; Max-Age=\d+$/);
    const row = server.store.student(answer.body.student.id)!;
    expect(row.playerId).toBe(`cs.${row.id}`);
    expect(row.tokenHash).not.toBe(browser.cookies.get("pp_student"));
    const me = await browser.request("GET", "/api/join/me");
    expect(me.body.joined).toMatchObject({ student: { id: row.id }, class: { id: klass.id }, messages: [], progress: {} });
  });

  it("refuses unknown codes, codes with look-alike characters, and bad nicknames, naming the field", async () => {
    const teacher = await signUp(server.url);
    const klass = await createClass(teacher);
    const b = new Browser(server.url, "127.0.0.3");
    expect((await b.request("POST", "/api/join", { code: "ZZZZZZ", nickname: "x" })).body.error).toBe("no open class has the code ZZZZZZ; check it with your instructor");
    expect((await b.request("POST", "/api/join", { code: "ABCDE0", nickname: "x" })).body.error).toMatch(/^bad request: code: uses only 31 letters and digits \(no 0, O, 1, I or L\)/);
    expect((await b.request("POST", "/api/join", { code: "ABC", nickname: "x" })).body.error).toMatch(/^bad request: code: must be 6 characters/);
    expect((await b.request("POST", "/api/join", { code: klass.code, nickname: "   " })).body.error).toBe("bad request: nickname: is empty");
    expect((await b.request("POST", "/api/join", { code: klass.code, nickname: "n".repeat(33) })).body.error).toBe("bad request: nickname: is longer than 32 characters");
    expect((await b.request("POST", "/api/join", { code: klass.code, nickname: "evil\u202Eeman" })).body.error).toBe("bad request: nickname: has control or invisible characters");
    expect((await b.request("POST", "/api/join", { code: klass.code, nickname: "ok", extra: 1 })).status).toBe(400);
  });

  it("the same browser rejoins with its cookie (after a reload or lost connection), keeping the same student", async () => {
    const teacher = await signUp(server.url);
    const klass = await createClass(teacher);
    const { browser, joined } = await joinAs(server.url, klass.code, "linus");
    const first = await studentClient(browser, klass.code);
    const token = browser.cookies.get("pp_student");
    // Still connected: the cookie holder gets back in.
    const again = await joinAs(server.url, klass.code, "LINUS", browser);
    expect(again.joined.student.id).toBe(joined.student.id);
    expect(browser.cookies.get("pp_student")).toBe(token);
    const second = await studentClient(browser, klass.code);
    expect(expectOk(await second.send({ v, type: "class.join", code: klass.code }), "class.joined").joined.student.id).toBe(joined.student.id);
    first.close();
    second.close();
  });
});

describe("nickname hijacking", () => {
  it("another device gets a connected student's nickname refused; once the student is gone for the grace period, it takes the student over and the old cookie stops working", async () => {
    const teacher = await signUp(server.url);
    const klass = await createClass(teacher);
    const laptop = await joinAs(server.url, klass.code, "margaret");
    const onLaptop = await studentClient(laptop.browser, klass.code);

    const tablet = new Browser(server.url);
    const refused = await tablet.request("POST", "/api/join", { code: klass.code, nickname: "Margaret" });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/^"margaret" is in this class and connected right now\. If that is you on another device, close the class there/);
    expect(tablet.cookies.has("pp_student")).toBe(false);

    onLaptop.close();
    await sleep(100);
    // Within the grace period (300 ms in tests) the nickname is still held.
    expect((await tablet.request("POST", "/api/join", { code: klass.code, nickname: "margaret" })).status).toBe(409);
    await sleep(400);
    const taken = await joinAs(server.url, klass.code, "margaret", tablet);
    expect(taken.joined.student.id).toBe(laptop.joined.student.id);
    expect(await connectError(laptop.browser, { classCode: klass.code })).toMatch(/no longer valid .*join again/);
    const onTablet = await studentClient(tablet, klass.code);
    onTablet.close();
  });

  it("a removed student's nickname cannot be taken", async () => {
    const teacher = await signUp(server.url);
    const klass = await createClass(teacher);
    const { joined } = await joinAs(server.url, klass.code, "eve");
    const instructor = await connectClient(teacher);
    expectOk(await instructor.send(control("class.remove", klass.id, { studentId: joined.student.id })), "class.removed");
    const answer = await new Browser(server.url).request("POST", "/api/join", { code: klass.code, nickname: "EVE" });
    expect(answer).toMatchObject({ status: 403, body: { error: 'the instructor removed "eve" from this class' } });
    instructor.close();
  });
});

describe("sockets in a class", () => {
  it("a socket asking for a class without a membership, or for another class, is refused with the reason", async () => {
    const teacher = await signUp(server.url);
    const one = await createClass(teacher);
    const two = await createClass(teacher);
    expect(await connectError(new Browser(server.url), { classCode: one.code })).toMatch(/^this browser has not joined a class/);
    const { browser } = await joinAs(server.url, one.code, "ken");
    expect(await connectError(browser, { classCode: two.code })).toBe(`this browser joined another class, not ${two.code}: join ${two.code} first`);
    expect(await connectError(browser, { classCode: "O0O0O0" })).toMatch(/^auth.classCode: uses only/);
  });
});

describe("join limits", () => {
  it("limits joins per address and code, and wrong codes per address", async () => {
    const temp = tempDbFile();
    const tight = await startClassServer(temp.file, { env: { PODPATH_JOINS_BURST: "3", PODPATH_JOINS_PER_SECOND: "0.01", PODPATH_UNKNOWN_CODES_BURST: "2", PODPATH_UNKNOWN_CODES_PER_SECOND: "0.01" } });
    try {
      const teacher = await signUp(tight.url);
      const klass = await createClass(teacher);
      const other = await createClass(teacher);
      for (let i = 0; i < 3; i++) expect((await new Browser(tight.url, "127.0.0.4").request("POST", "/api/join", { code: klass.code, nickname: `n${i}` })).status).toBe(200);
      const limited = await new Browser(tight.url, "127.0.0.4").request("POST", "/api/join", { code: klass.code, nickname: "n9" });
      expect(limited).toMatchObject({ status: 429, body: { error: expect.stringMatching(new RegExp(`^too many join attempts for class ${klass.code} from your network; wait \\d+ s$`)) } });
      // Another class, or another address: not limited.
      expect((await new Browser(tight.url, "127.0.0.4").request("POST", "/api/join", { code: other.code, nickname: "n9" })).status).toBe(200);
      expect((await new Browser(tight.url, "127.0.0.5").request("POST", "/api/join", { code: klass.code, nickname: "n9" })).status).toBe(200);

      const guesser = new Browser(tight.url, "127.0.0.6");
      expect((await guesser.request("POST", "/api/join", { code: "ZZZZZ2", nickname: "g" })).status).toBe(404);
      expect((await guesser.request("POST", "/api/join", { code: "ZZZZZ3", nickname: "g" })).status).toBe(404);
      const blocked = await guesser.request("POST", "/api/join", { code: klass.code, nickname: "g" });
      expect(blocked).toMatchObject({ status: 429, body: { error: expect.stringMatching(/^too many join attempts with wrong codes from your network/) } });
    } finally {
      await tight.close();
      temp.cleanup();
    }
  });
});
