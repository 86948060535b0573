/**
 * The join form's checks (app/_lib/join-form.ts): codes taken loosely, nicknames as the server
 * stores them, and the first wrong field named. They must give the server's answers
 * (joinCodeSchema, nicknameSchema) without zod, so each case is also run through the schemas.
 */
import { describe, expect, it } from "vitest";
import { joinCodeSchema, nicknameSchema } from "../../game/class-protocol";
import { checkJoin, joinCodeProblem, normaliseJoinCode, normaliseNickname, nicknameProblem } from "../../app/_lib/join-form";

describe("join form", () => {
  it("takes a code loosely: spaces and dashes dropped, upper-cased", () => {
    expect(normaliseJoinCode(" abc-234 ")).toBe("ABC234");
    expect(normaliseJoinCode("a b c\t2-3-4")).toBe("ABC234");
    expect(checkJoin("abc 234", "pat")).toEqual({ ok: true, code: "ABC234", nickname: "pat" });
  });

  it("names the field and says what is wrong with a code", () => {
    expect(checkJoin("", "pat")).toMatchObject({ ok: false, field: "code", error: expect.stringMatching(/^Join code is empty/) });
    expect(checkJoin("ABC23", "pat")).toMatchObject({ ok: false, field: "code", error: "Join code must be 6 characters (this has 5)" });
    expect(checkJoin("AB0I23", "pat")).toMatchObject({ ok: false, field: "code", error: expect.stringContaining('"0I" is not among them') });
    // The code is checked first: both wrong names the code.
    expect(checkJoin("x", "")).toMatchObject({ field: "code" });
  });

  it("names the nickname when it is empty, too long or has invisible characters", () => {
    expect(checkJoin("ABC234", "   ")).toMatchObject({ ok: false, field: "nickname", error: expect.stringMatching(/^Nickname is empty/) });
    expect(checkJoin("ABC234", "x".repeat(33))).toMatchObject({ ok: false, field: "nickname", error: "Nickname is longer than 32 characters (this has 33)" });
    expect(checkJoin("ABC234", "pa\u202Et")).toMatchObject({ ok: false, field: "nickname", error: "Nickname has control or invisible characters" });
    // 32 characters that are two UTF-16 units each are still 32 characters.
    expect(checkJoin("ABC234", "🦀".repeat(32))).toMatchObject({ ok: true });
    expect(checkJoin("ABC234", "  <b>pat</b>   the  cat ")).toEqual({ ok: true, code: "ABC234", nickname: "<b>pat</b> the cat" });
  });

  it("agrees with the server's schemas on every case", () => {
    const codes = ["abc-234", "ABC234", "ABC23", "ABC2345", "AB0I23", "", "  z z z 9 9 9 ", "abcdefghij", "ÄBC234", "ABC-2-3"];
    for (const typed of codes) {
      const server = joinCodeSchema.safeParse(typed);
      const mine = joinCodeProblem(normaliseJoinCode(typed));
      expect(mine === undefined, `code ${JSON.stringify(typed)}: ${mine}`).toBe(server.success);
      if (server.success) expect(normaliseJoinCode(typed)).toBe(server.data);
    }
    const nicknames = ["pat", "  pat  ", "", "   ", "x".repeat(32), "x".repeat(33), "🦀".repeat(32), "🦀".repeat(33), "a\u0000b", "a\u200Bb", "<script>", "e\u0301", "a\tb  c"];
    for (const typed of nicknames) {
      const server = nicknameSchema.safeParse(typed);
      const mine = nicknameProblem(normaliseNickname(typed));
      expect(mine === undefined, `nickname ${JSON.stringify(typed)}: ${mine}`).toBe(server.success);
      if (server.success) expect(normaliseNickname(typed)).toBe(server.data);
    }
  });
});
