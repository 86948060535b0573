/**
 * JSON text made once for values that never change once built (a stored verdict, a level's
 * compiled start, a level as a student sees it), kept on the value as a non-enumerable symbol
 * property: JSON.stringify, structured clone and socket.io never see it. A reply is encoded
 * around these parts (encoded-reply.ts), so a command's verdict is turned into JSON once, for
 * the database and the reply both, and a reset does not serialize the level's 10 KB again.
 */
const JSON_TEXT = Symbol("jsonText");

type Kept = { [JSON_TEXT]?: string };

/** JSON.stringify(value), made now and kept on `value`, which must not change afterwards. */
export function keepJson(value: object): string {
  const kept = (value as Kept)[JSON_TEXT];
  if (kept !== undefined) return kept;
  const text = JSON.stringify(value);
  Object.defineProperty(value, JSON_TEXT, { value: text });
  return text;
}

/** JSON.parse(text) of an object, keeping `text` on it: `text` must be JSON.stringify's own (as keepJson's, stored), so that it is what JSON.stringify gives again. */
export function parseKeepingJson<T extends object>(text: string): T {
  const value = JSON.parse(text) as T;
  Object.defineProperty(value, JSON_TEXT, { value: text });
  return value;
}

/** JSON.stringify(value), using the text kept on it by keepJson if there is one. */
export function jsonOf(value: unknown): string | undefined {
  if (typeof value === "object" && value !== null) {
    const kept = (value as Kept)[JSON_TEXT];
    if (kept !== undefined) return kept;
  }
  return JSON.stringify(value);
}

/**
 * JSON.stringify(obj), the same text, with the members named in `nested` encoded the same way
 * one level down and every other member by jsonOf. Members are taken in Object.keys order, as
 * JSON.stringify takes them; undefined ones are left out, as it leaves them out (replies hold
 * no functions, symbols or toJSON methods).
 */
export function objectJson(obj: object, nested?: readonly string[]): string {
  let out = "{";
  for (const key of Object.keys(obj)) {
    const value = (obj as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const text = nested?.includes(key) && typeof value === "object" && value !== null ? objectJson(value) : jsonOf(value);
    out += `${out.length > 1 ? "," : ""}${JSON.stringify(key)}:${text}`;
  }
  return `${out}}`;
}
