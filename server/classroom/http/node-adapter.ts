/**
 * Serves the classroom routes on a plain Node HTTP server: for tests, and for
 * `PODPATH_NO_NEXT=1` (socket.io and the API without the Next app). Converts the Node request to
 * a Web Request (with the client's address in CLIENT_IP_HEADER) and the Response back.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { HttpDeps } from "./http-deps";
import { CLIENT_IP_HEADER, problem } from "./respond";
import { matchRoute } from "./routes";

/** Puts the connection's address into CLIENT_IP_HEADER, replacing anything the client sent under that name. */
export function stampClientIp(req: IncomingMessage): void {
  req.headers[CLIENT_IP_HEADER] = req.socket.remoteAddress ?? "unknown";
}

/** True when the request was an API route (answered); false to let the caller handle it. */
export async function serveApi(deps: HttpDeps, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (!url.pathname.startsWith("/api/")) return false;
  stampClientIp(req);
  const match = matchRoute(req.method ?? "GET", url.pathname);
  let response: Response;
  if (!match) response = problem(404, `no API route ${url.pathname}`);
  else if ("allowed" in match) response = problem(405, `${req.method} is not allowed here`, { allow: match.allowed.join(", ") });
  else {
    try {
      response = await match.route.handler(deps, toRequest(req, url), match.params);
    } catch (error) {
      console.error(`podpath: ${req.method} ${url.pathname} failed`, error);
      response = problem(500, "the server could not handle this request (an internal error)");
    }
  }
  await send(response, res);
  return true;
}

function toRequest(req: IncomingMessage, url: URL): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(url, {
    method: req.method ?? "GET",
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
  } as RequestInit);
}

async function send(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  res.end(Buffer.from(await response.arrayBuffer()));
}
