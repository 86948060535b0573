/** Attempt ids sort by the time they were made (server/play/ids.ts), so a class's new command rows share index pages. */
import { describe, expect, it } from "vitest";
import { newAttemptId } from "../../server/play/ids";

// The protocol's attempt id pattern (game/protocol.ts).
const PROTOCOL_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

describe("newAttemptId", () => {
  it("sorts by its time in byte order (SQLite's BINARY collation), across every digit's roll-over", () => {
    const now = Date.parse("2026-11-22T15:00:00.000Z");
    // 1 ms steps around each of the 7 digits' carries, and a span of years.
    const times = [0, 1, 63, 64, 65, 4095, 4096, 262143, 262144, 2 ** 24 - 1, 2 ** 24, 2 ** 30 - 1, 2 ** 30, 2 ** 36 - 1, 2 ** 36, now - 1, now, now + 1, now + 365 * 86_400_000, 2 ** 42 - 1];
    const ids = times.map((t) => newAttemptId(t));
    for (const id of ids) expect(id).toMatch(PROTOCOL_PATTERN);
    for (const id of ids) expect(id).toHaveLength(23);
    for (let i = 1; i < ids.length; i++) {
      expect(Buffer.compare(Buffer.from(ids[i - 1]!), Buffer.from(ids[i]!)), `${times[i - 1]} before ${times[i]}`).toBe(-1);
    }
  });

  it("differs within one millisecond by its 96 random bits, and shares only the time", () => {
    const ms = Date.parse("2026-11-22T15:00:00.123Z");
    const ids = Array.from({ length: 2000 }, () => newAttemptId(ms));
    expect(new Set(ids).size).toBe(2000);
    expect(new Set(ids.map((id) => id.slice(0, 7))).size).toBe(1);
    expect(new Set(ids.map((id) => id.slice(7))).size).toBe(2000);
  });

  it("sorts a clock that gives no usable time first, and never writes it into the id", () => {
    for (const bad of [Number.NaN, -5, Number.POSITIVE_INFINITY]) {
      const id = newAttemptId(bad);
      expect(id).toMatch(PROTOCOL_PATTERN);
      expect(id.slice(0, 7)).toBe("-------");
    }
  });
});
