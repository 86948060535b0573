/**
 * Small helpers for the classroom's HTTP handlers (Web Request/Response, as Next's route
 * handlers use): JSON answers, bodies read with a size limit and checked by a schema, a
 * same-origin check for requests that change something, and the client's address.
 */
import type { z } from "zod";

export const CLIENT_IP_HEADER = "x-podpath-client-ip";

export function json(status: number, body: unknown, cookies: readonly string[] = []): Response {
  const headers = new Headers({ "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  return new Response(JSON.stringify(body), { status, headers });
}

export function problem(status: number, error: string, extra: Record<string, string> = {}): Response {
  const response = json(status, { error });
  for (const [name, value] of Object.entries(extra)) response.headers.set(name, value);
  return response;
}

export type Read<T> = { ok: true; value: T } | { ok: false; response: Response };

/** A JSON body of at most `maxBytes`, validated; the error names the field that was wrong. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S, maxBytes: number): Promise<Read<z.infer<S>>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) return { ok: false, response: problem(415, "send the body as JSON (Content-Type: application/json)") };
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return { ok: false, response: problem(413, `the body is larger than ${maxBytes} bytes`) };
  let text: string;
  try {
    text = await readLimited(request, maxBytes);
  } catch {
    return { ok: false, response: problem(413, `the body is larger than ${maxBytes} bytes`) };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, response: problem(400, "the body is not JSON") };
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, response: problem(400, `bad request: ${issue.path.length ? issue.path.join(".") : "body"}: ${issue.message}`) };
}

async function readLimited(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new Error("too large");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * A request that changes something must come from this site: an Origin header, when the
 * browser sends one, names this host. (The cookies are SameSite=Lax as well.)
 */
export function crossSite(request: Request): Response | undefined {
  const origin = request.headers.get("origin");
  if (!origin) return undefined;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    if (host && new URL(origin).host === host) return undefined;
  } catch {
    // An Origin that is not a URL ("null") is cross-site.
  }
  return problem(403, "this request came from another site");
}

/** Set by server/main.ts from the TCP connection (whatever the client sent under that name is replaced). */
export function clientIp(request: Request): string {
  return request.headers.get(CLIENT_IP_HEADER) ?? "unknown";
}

export function cookieHeader(request: Request): string | undefined {
  return request.headers.get("cookie") ?? undefined;
}
