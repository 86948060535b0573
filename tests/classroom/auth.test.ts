/** Instructor accounts over real HTTP: sign-up, sign-in, sign-out, the session cookie, and the stored password. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../server/auth/password";
import { Browser, connectClient, control, createClass, expectError, expectOk, startClassServer, tempDbFile, type ClassServer } from "./harness";

let server: ClassServer;
let cleanup: () => void;
beforeAll(async () => {
  const temp = tempDbFile();
  cleanup = temp.cleanup;
  server = await startClassServer(temp.file, { env: { PODPATH_SIGNINS_BURST: "1000" } });
});
afterAll(async () => {
  await server.close();
  cleanup();
});

const PASSWORD = "correct horse battery";

describe("passwords", () => {
  it("are scrypt hashes with a salt of their own, checked in constant time; a damaged hash never verifies", async () => {
    const a = await hashPassword(PASSWORD);
    const b = await hashPassword(PASSWORD);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(PASSWORD, a)).toBe(true);
    expect(await verifyPassword("correct horse batterz", a)).toBe(false);
    for (const bad of ["", "scrypt$1$2$3", "bcrypt$x", a.replace(/\$[^$]+$/, "$short"), "scrypt$99999999$8$1$abc$" + "A".repeat(43)]) {
      expect(await verifyPassword(PASSWORD, bad)).toBe(false);
    }
  });
});

describe("sign-up and sign-in", () => {
  it("signs up, sets an HttpOnly SameSite=Lax session cookie, and stores only the hash of the password and the token", async () => {
    const browser = new Browser(server.url);
    const email = "  Ada@School.Example ";
    const answer = await browser.request("POST", "/api/auth/signup", { email, password: PASSWORD, name: "Ada <b>L</b>" });
    expect(answer.status).toBe(201);
    expect(answer.body.instructor).toMatchObject({ email: "ada@school.example", name: "Ada <b>L</b>" });
    const cookie = ([] as string[]).concat(answer.headers["set-cookie"] ?? []).find((c) => c.startsWith("pp_session="))!;
    expect(cookie).toMatch(/^pp_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Lax; Path=\/; Max-Age=2592000$/);
    const token = browser.cookies.get("pp_session")!;
    const rows = server.db.sqlite.prepare("select i.password_hash, s.token_hash from instructors i join instructor_sessions s on s.instructor_id = i.id").all() as { password_hash: string; token_hash: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.password_hash).not.toContain(PASSWORD);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.token_hash).not.toBe(token);
    expect((await browser.request("GET", "/api/auth/me")).body.instructor.email).toBe("ada@school.example");

    const again = await new Browser(server.url).request("POST", "/api/auth/signup", { email: "ada@school.example", password: PASSWORD });
    expect(again).toMatchObject({ status: 409, body: { error: expect.stringMatching(/already exists/) } });
  });

  it("signs in with the right password only, with the same answer for an unknown email", async () => {
    const email = "grace@school.example";
    await new Browser(server.url).request("POST", "/api/auth/signup", { email, password: PASSWORD });
    const wrong = await new Browser(server.url).request("POST", "/api/auth/signin", { email, password: "not the password" });
    const unknown = await new Browser(server.url).request("POST", "/api/auth/signin", { email: "nobody@school.example", password: PASSWORD });
    expect(wrong).toMatchObject({ status: 401, body: { error: "wrong email or password" } });
    expect(unknown).toMatchObject({ status: 401, body: { error: "wrong email or password" } });
    const browser = new Browser(server.url);
    expect((await browser.request("POST", "/api/auth/signin", { email: "GRACE@school.example", password: PASSWORD })).status).toBe(200);
    expect((await browser.request("GET", "/api/auth/me")).status).toBe(200);
  });

  it("validates every field and the body, naming what was wrong", async () => {
    const b = new Browser(server.url);
    const cases: [unknown, RegExp, number?][] = [
      [{ email: "no-at-sign", password: PASSWORD }, /^bad request: email: is not an email address/],
      [{ email: "x@y.example", password: "short" }, /^bad request: password: is shorter than 10 characters/],
      [{ email: "x@y.example", password: "p".repeat(201) }, /^bad request: password: is longer than 200/],
      [{ email: "x@y.example", password: PASSWORD, admin: true }, /^bad request: body: .*admin/],
      [{ email: 7, password: PASSWORD }, /^bad request: email: must be text/],
      [[1, 2], /^bad request: body: /],
      ["{not json", /^the body is not JSON$/],
    ];
    for (const [body, error] of cases) {
      const answer = await b.request("POST", "/api/auth/signup", body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error).toMatch(error);
    }
    expect((await b.request("POST", "/api/auth/signup", "x", { "content-type": "text/plain" })).status).toBe(415);
    expect((await b.request("POST", "/api/auth/signup", { email: "x@y.example", password: "a".repeat(20_000) })).status).toBe(413);
    expect((await b.request("POST", "/api/auth/signup", { email: "x@y.example", password: PASSWORD }, { origin: "https://evil.example" })).status).toBe(403);
  });
});

describe("sign-out", () => {
  it("ends the session: the cookie is cleared, the old token is refused, and the session's sockets are closed", async () => {
    const browser = new Browser(server.url);
    await browser.request("POST", "/api/auth/signup", { email: "leaving@school.example", password: PASSWORD });
    const klass = await createClass(browser);
    const token = browser.cookies.get("pp_session")!;
    const socket = await connectClient(browser);
    expectOk(await socket.send(control("class.watch", klass.id)), "dashboard");
    const closed = new Promise<string>((resolve) => socket.socket.once("disconnect", resolve));
    const out = await browser.request("POST", "/api/auth/signout");
    expect(out.status).toBe(200);
    expect(([] as string[]).concat(out.headers["set-cookie"] ?? []).some((c) => /^pp_session=; .*Max-Age=0/.test(c))).toBe(true);
    expect(await closed).toBe("io server disconnect");
    expect((await browser.request("GET", "/api/auth/me")).status).toBe(401);
    const stale = new Browser(server.url);
    stale.cookies.set("pp_session", token);
    expect((await stale.request("GET", `/api/classes/${klass.id}`)).status).toBe(401);
    const staleSocket = await connectClient(stale);
    expect(expectError(await staleSocket.send(control("class.start", klass.id)))).toMatch(/sign in first/);
    staleSocket.close();
  });
});

describe("sign-in rate limit", () => {
  it("refuses sign-in attempts beyond the limit per client address, with a clear error", async () => {
    const temp = tempDbFile();
    const tight = await startClassServer(temp.file, { env: { PODPATH_SIGNINS_BURST: "3", PODPATH_SIGNINS_PER_SECOND: "0.01" } });
    try {
      const b = new Browser(tight.url, "127.0.0.9");
      for (let i = 0; i < 3; i++) expect((await b.request("POST", "/api/auth/signin", { email: "x@y.example", password: PASSWORD })).status).toBe(401);
      const limited = await b.request("POST", "/api/auth/signin", { email: "x@y.example", password: PASSWORD });
      expect(limited).toMatchObject({ status: 429, body: { error: expect.stringMatching(/^too many sign-in attempts from your network; wait \d+ s$/) } });
      expect(limited.headers["retry-after"]).toMatch(/^\d+$/);
      expect((await new Browser(tight.url, "127.0.0.10").request("POST", "/api/auth/signin", { email: "x@y.example", password: PASSWORD })).status).toBe(401);
    } finally {
      await tight.close();
      temp.cleanup();
    }
  });
});
