/** How the teach pages write codes, cells and times (app/_lib/class-format.ts). */
import { describe, expect, it } from "vitest";
import type { DashboardCell } from "../../game/class-protocol";
import { cellDisplay, formatSeconds, groupJoinCode, minutesSince } from "../../app/_lib/class-format";

const base: DashboardCell = { studentId: "s", levelId: "l", status: "working", passed: 1, total: 3, stars: 0, commands: 4, hintsUsed: 0, startedAt: "2030-01-01T10:00:00.000Z", lastProgressAt: "2030-01-01T10:00:00.000Z" };
const now = Date.parse("2030-01-01T10:07:30.000Z");

describe("class formats", () => {
  it("groups a join code in threes", () => {
    expect(groupJoinCode("ABC234")).toBe("ABC 234");
    expect(groupJoinCode("ABCD")).toBe("ABCD");
  });

  it("shows each cell status in text and in words", () => {
    expect(cellDisplay(undefined, now)).toMatchObject({ status: "not-started", label: "not started" });
    expect(cellDisplay(base, now)).toEqual({ status: "working", text: "1/3", label: "working: 1 of 3 goals pass" });
    expect(cellDisplay({ ...base, status: "solved", stars: 2, passed: 3 }, now)).toMatchObject({ status: "solved", text: "★★", label: "solved, 2 of 3 stars" });
    const stuck = cellDisplay({ ...base, status: "stuck" }, now);
    expect(stuck.status).toBe("stuck");
    expect(stuck.label).toContain("no progress for 7 min");
    expect(stuck.text).toContain("7 min");
  });

  it("counts whole minutes, never below zero", () => {
    expect(minutesSince("2030-01-01T10:00:00.000Z", now)).toBe(7);
    expect(minutesSince("2030-01-01T10:09:00.000Z", now)).toBe(0);
  });

  it("writes seconds as minutes and seconds", () => {
    expect(formatSeconds(undefined)).toBe("");
    expect(formatSeconds(42)).toBe("42 s");
    expect(formatSeconds(245)).toBe("4 min 05 s");
  });
});
