/**
 * The teach pages' calls to the classroom HTTP API: JSON in, JSON out, and a refusal as the
 * API's own `{ error }` sentence (server/classroom/README.md, "HTTP API").
 */
export type Answer<T> = { ok: true; status: number; body: T } | { ok: false; status: number; error: string };

export async function postJson<T>(path: string, body?: unknown): Promise<Answer<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: "POST",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? null : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, status: 0, error: "the server could not be reached; check the connection and try again" };
  }
  const parsed: unknown = await response.json().catch(() => undefined);
  if (response.ok) return { ok: true, status: response.status, body: parsed as T };
  const error = parsed && typeof parsed === "object" && "error" in parsed && typeof parsed.error === "string" ? parsed.error : `the server answered ${response.status}`;
  return { ok: false, status: response.status, error };
}
