/**
 * The production build's /_next/static/ files, served from memory and gzipped once. Next would
 * compress every response again: about 1 MB of JavaScript for each load of the play page, on
 * the same thread that renders pages and answers sockets, while the browser waits for it.
 * These files are named by their content hash and never change, so each is read and
 * compressed once (all of them as the server starts) and cached by the browser for a year.
 * Anything this does not find is left to Next (which answers 404 as before).
 *
 * Each script goes out with V8's per-file compile hint (COMPILE_HINT) as its first line:
 * Chromium then compiles its functions while the file streams in, on a background thread,
 * instead of one by one on the page's main thread the first time each is called. On the play
 * page that thread did about 40% less work before the terminal's prompt showed.
 * Other browsers read a comment. A script that names a source map is sent as it is: the extra
 * line would shift every line of the map.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, relative, sep } from "node:path";
import { promisify } from "node:util";
import { gzip as gzipCallback } from "node:zlib";

const gzip = promisify(gzipCallback);

const PREFIX = "/_next/static/";

/** Content types of what Next puts there; other files are left to Next. */
const TYPES: Readonly<Record<string, { readonly type: string; readonly compress: boolean }>> = {
  ".js": { type: "application/javascript; charset=UTF-8", compress: true },
  ".css": { type: "text/css; charset=UTF-8", compress: true },
  ".json": { type: "application/json; charset=UTF-8", compress: true },
  ".svg": { type: "image/svg+xml", compress: true },
  ".map": { type: "application/json; charset=UTF-8", compress: true },
  ".woff2": { type: "font/woff2", compress: false },
  ".png": { type: "image/png", compress: false },
  ".ico": { type: "image/x-icon", compress: false },
};

/** Chromium's "Explicit JavaScript Compile Hints", per file: every function in it runs at load. */
export const COMPILE_HINT = "//# allFunctionsCalledOnLoad\n";

/** The script with the compile hint in front, unless it ends by naming its source map or has the hint already. */
export function withCompileHint(script: Buffer): Buffer {
  const text = script.toString("utf8");
  if (text.startsWith(COMPILE_HINT) || /\/\/# sourceMappingURL=\S+\s*$/.test(text.slice(-1000))) return script;
  return Buffer.concat([Buffer.from(COMPILE_HINT), script]);
}

interface Asset {
  readonly type: string;
  readonly raw: Buffer;
  /** Present when gzip makes it smaller. */
  readonly gzipped?: Buffer;
}

export interface StaticAssets {
  /** Answers a request for a build file it has; false (nothing sent) for anything else. */
  serve(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Reads and compresses every file now, so the first visitors do not wait for it. */
  warm(): Promise<void>;
}

/** `staticDir`: the build's static folder (`.next/static`). */
export function staticAssets(staticDir: string): StaticAssets {
  const assets = new Map<string, Promise<Asset | undefined>>();

  /** The file for a URL path under PREFIX, or undefined if the path could lead anywhere else. */
  const fileOf = (urlPath: string): string | undefined => {
    let rest: string;
    try {
      rest = decodeURIComponent(urlPath.slice(PREFIX.length));
    } catch {
      return undefined;
    }
    if (rest === "" || rest.includes("\0") || rest.split("/").some((part) => part === "" || part === "." || part === "..")) return undefined;
    const file = join(staticDir, ...rest.split("/"));
    return relative(staticDir, file).split(sep)[0] === ".." ? undefined : file;
  };

  const load = async (file: string): Promise<Asset | undefined> => {
    const kind = TYPES[extname(file)];
    if (!kind) return undefined;
    try {
      if (!(await stat(file)).isFile()) return undefined;
      const read = await readFile(file);
      const raw = extname(file) === ".js" ? withCompileHint(read) : read;
      const packed = kind.compress ? await gzip(raw, { level: 9 }) : undefined;
      return { type: kind.type, raw, ...(packed && packed.length < raw.length ? { gzipped: packed } : {}) };
    } catch {
      return undefined;
    }
  };

  const get = (file: string): Promise<Asset | undefined> => {
    let asset = assets.get(file);
    if (!asset) {
      asset = load(file);
      assets.set(file, asset);
      // A file that is not there is not remembered: unknown paths must not fill the map.
      void asset.then((found) => found ?? assets.delete(file));
    }
    return asset;
  };

  return {
    async serve(req, res) {
      if (req.method !== "GET" && req.method !== "HEAD") return false;
      const path = (req.url ?? "").split("?")[0]!;
      if (!path.startsWith(PREFIX)) return false;
      const file = fileOf(path);
      const asset = file ? await get(file) : undefined;
      if (!asset) return false;
      const gzipped = asset.gzipped && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? "")) ? asset.gzipped : undefined;
      const body = gzipped ?? asset.raw;
      res.writeHead(200, {
        "content-type": asset.type,
        "content-length": body.length,
        "cache-control": "public, max-age=31536000, immutable",
        vary: "Accept-Encoding",
        ...(gzipped ? { "content-encoding": "gzip" } : {}),
      });
      res.end(req.method === "HEAD" ? undefined : body);
      return true;
    },
    async warm() {
      const files = await listFiles(staticDir).catch(() => []);
      await Promise.all(files.map((file) => get(file)));
    },
  };
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}
