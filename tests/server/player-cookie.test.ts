/** The player cookie over real HTTP: a new id when missing or invalid, visible to the same request; kept when valid. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensurePlayerCookie, readPlayerId } from "../../server/play/player-cookie";

let server: Server;
let url: string;
beforeAll(async () => {
  // Echoes the Cookie header the app would see; sets its own cookie the way a framework might.
  server = createServer((req, res) => {
    const id = ensurePlayerCookie(req, res);
    if (req.url === "/with-app-cookie") res.setHeader("Set-Cookie", "theme=dark; Path=/");
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify({ id, cookie: req.headers.cookie }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function get(path: string, cookie?: string) {
  const res = await fetch(url + path, cookie ? { headers: { cookie } } : {});
  return { setCookies: res.headers.getSetCookie(), seen: (await res.json()) as { id: string; cookie: string } };
}

describe("the pp_player cookie", () => {
  it("gives a request without one a new id, for a year, HttpOnly, and shows it to the same request", async () => {
    const { setCookies, seen } = await get("/");
    expect(setCookies).toHaveLength(1);
    expect(setCookies[0]).toMatch(/^pp_player=[A-Za-z0-9_-]{22}; HttpOnly; SameSite=Lax; Path=\/; Max-Age=31536000$/);
    expect(seen.cookie).toBe(`pp_player=${seen.id}`);
    expect(setCookies[0]).toContain(`pp_player=${seen.id};`);
  });

  it("keeps a valid id: no Set-Cookie, the header untouched", async () => {
    const { setCookies, seen } = await get("/", "a=1; pp_player=Abcdefghijklmnop_-123456; b=2");
    expect(setCookies).toEqual([]);
    expect(seen).toEqual({ id: "Abcdefghijklmnop_-123456", cookie: "a=1; pp_player=Abcdefghijklmnop_-123456; b=2" });
  });

  it("replaces an invalid id, keeping the request's other cookies", async () => {
    const { setCookies, seen } = await get("/", "a=1; pp_player=<script>; b=2");
    expect(seen.id).not.toBe("<script>");
    expect(seen.cookie).toBe(`a=1; b=2; pp_player=${seen.id}`);
    expect(setCookies[0]).toContain(`pp_player=${seen.id};`);
  });

  it("survives the app setting its own cookie on the same response", async () => {
    const { setCookies, seen } = await get("/with-app-cookie");
    expect(setCookies).toEqual([expect.stringContaining(`pp_player=${seen.id};`), "theme=dark; Path=/"]);
  });

  it("reads only well-formed ids", () => {
    expect(readPlayerId(undefined)).toBeUndefined();
    expect(readPlayerId("pp_player=short")).toBeUndefined();
    expect(readPlayerId("xpp_player=Abcdefghijklmnop_-123456")).toBeUndefined();
    expect(readPlayerId("pp_player=bad id; pp_player=Abcdefghijklmnop_-123456")).toBe("Abcdefghijklmnop_-123456");
  });
});
