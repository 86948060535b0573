/**
 * The build's static files from memory (server/static-assets.ts), over a real HTTP server:
 * gzipped once when the browser takes gzip, as they are otherwise, with a year's caching;
 * scripts with V8's compile hint in front (but not one that names a source map); any path that
 * is not a file under the folder is left alone (false), so Next answers it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMPILE_HINT, staticAssets } from "../../server/static-assets";

let dir: string;
let server: Server;
let port: number;
const SCRIPT = `console.log(${JSON.stringify("x".repeat(5000))});\n`;
/** What a browser gets for SCRIPT: V8's per-file compile hint, then the script. */
const SENT = `${COMPILE_HINT}${SCRIPT}`;
const MAPPED = `${SCRIPT}//# sourceMappingURL=mapped.js.map\n`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "podpath-static-"));
  mkdirSync(join(dir, "static", "chunks"), { recursive: true });
  writeFileSync(join(dir, "static", "chunks", "abc123.js"), SCRIPT);
  writeFileSync(join(dir, "static", "chunks", "mapped.js"), MAPPED);
  writeFileSync(join(dir, "static", "chunks", "styles.css"), "body { color: red }\n");
  writeFileSync(join(dir, "static", "chunks", "notes.txt"), "not a build file type");
  writeFileSync(join(dir, "secret.js"), "outside the static folder");
  const assets = staticAssets(join(dir, "static"));
  await assets.warm();
  server = createServer((req, res) => {
    void assets.serve(req, res).then((served) => {
      if (!served) res.writeHead(404, { "x-left-to": "next" }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

/** A raw request (fetch would normalize the path and undo the encoding). */
function get(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (d: Buffer) => parts.push(d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("static build files", () => {
  it("sends a script gzipped to a browser that takes gzip, with a year's immutable caching", async () => {
    const r = await get("/_next/static/chunks/abc123.js", { "accept-encoding": "gzip, deflate, br" });
    expect(r.status).toBe(200);
    expect(r.headers).toMatchObject({ "content-encoding": "gzip", "content-type": "application/javascript; charset=UTF-8", "cache-control": "public, max-age=31536000, immutable", vary: "Accept-Encoding" });
    expect(r.body.length).toBeLessThan(SCRIPT.length / 10);
    expect(gunzipSync(r.body).toString()).toBe(SENT);
  });

  it("puts the compile hint in front of scripts only, and leaves a script that names a source map as it is", async () => {
    expect(COMPILE_HINT).toBe("//# allFunctionsCalledOnLoad\n");
    expect((await get("/_next/static/chunks/abc123.js")).body.toString().startsWith(COMPILE_HINT)).toBe(true);
    expect((await get("/_next/static/chunks/mapped.js")).body.toString()).toBe(MAPPED);
    expect((await get("/_next/static/chunks/styles.css")).body.toString()).toBe("body { color: red }\n");
  });

  it("sends it as it is to a client that does not take gzip, and only headers to HEAD", async () => {
    const plain = await get("/_next/static/chunks/abc123.js");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(SENT);
    const head = await get("/_next/static/chunks/abc123.js", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-length"]).toBe(String(Buffer.byteLength(SENT)));
    expect(head.body.length).toBe(0);
  });

  it("leaves to Next what is not a build file under the folder: other paths, methods and types, and ways out of the folder", async () => {
    for (const path of [
      "/_next/static/chunks/missing.js",
      "/_next/static/chunks/notes.txt",
      "/_next/static/../secret.js",
      "/_next/static/%2e%2e/secret.js",
      "/_next/static/chunks/..%2f..%2fsecret.js",
      "/_next/static/chunks//abc123.js",
      "/_next/static/%E0%A4%A.js",
      "/_next/static/",
      "/play/x.js",
    ]) {
      const r = await get(path, { "accept-encoding": "gzip" });
      expect({ path, status: r.status, left: r.headers["x-left-to"] }).toEqual({ path, status: 404, left: "next" });
    }
    const post = await get("/_next/static/chunks/abc123.js", {}, "POST");
    expect(post.status).toBe(404);
  });
});
