import { describe, expect, it } from "vitest";
import { MAX_LINE_BYTES, parseClientMessage } from "../../game/protocol";

const command = (line: string) => ({ v: 1, type: "attempt.command", attemptId: "abcdefgh12", seq: 1, host: "api", line });
const refusal = new RegExp(`^bad message: line: is longer than ${MAX_LINE_BYTES} bytes$`);

describe("a command line's size is counted in UTF-8 bytes, not characters", () => {
  it("takes a line of exactly the limit, in one-, two- and three-byte characters", () => {
    for (const [char, bytes] of [["x", 1], ["é", 2], ["€", 3]] as const) {
      const line = char.repeat(Math.floor(MAX_LINE_BYTES / bytes));
      expect(parseClientMessage(command(line)).ok, `${char} x ${line.length}`).toBe(true);
    }
  });

  it("refuses a line one byte over, though it has far fewer characters than the limit", () => {
    // 5,461 three-byte characters are 16,383 bytes; one two-byte character more makes 16,385.
    const line = "€".repeat(Math.floor(MAX_LINE_BYTES / 3)) + "é";
    expect(line.length).toBeLessThan(MAX_LINE_BYTES / 2);
    const parsed = parseClientMessage(command(line));
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(refusal);
  });

  it("counts a character outside the BMP (a surrogate pair) as its 4 bytes", () => {
    const fits = "😀".repeat(MAX_LINE_BYTES / 4);
    expect(parseClientMessage(command(fits)).ok).toBe(true);
    const over = parseClientMessage(command(fits + "x"));
    expect(!over.ok && over.error).toMatch(refusal);
  });
});
