/** The dashboard view kept up to date from pushed batches (app/_lib/dashboard-batch.ts). */
import { describe, expect, it } from "vitest";
import type { ClassStateView, DashboardBatch, DashboardCell, DashboardStudent, DashboardTotals, DashboardView } from "../../game/class-protocol";
import { applyBatch, applyClassState, cellsByStudent, sameRowCells } from "../../app/_lib/dashboard-batch";

const klass: ClassStateView = { id: "class-aaaaaaaaaaaaaaaa", code: "ABC234", title: "Net 101", status: "running", pacing: "free", levelIds: ["l1", "l2"], unlocked: 2, variants: false, stuckMinutes: 5 };
const student = (id: string, nickname = id, online = true): DashboardStudent => ({ id, nickname, online, joinedAt: "2030-01-01T10:00:00.000Z" });
const cell = (studentId: string, levelId: string, over: Partial<DashboardCell> = {}): DashboardCell => ({
  studentId,
  levelId,
  status: "working",
  passed: 0,
  total: 3,
  stars: 0,
  commands: 0,
  hintsUsed: 0,
  startedAt: "2030-01-01T10:01:00.000Z",
  lastProgressAt: "2030-01-01T10:01:00.000Z",
  ...over,
});
const totals = (students: number, solved = 0): DashboardTotals => ({ students, online: students, solved, working: 0, stuck: 0, notStarted: 0, levels: [] });

function view(over: Partial<DashboardView> = {}): DashboardView {
  return {
    class: klass,
    levels: [
      { id: "l1", title: "Level one", track: "pod" },
      { id: "l2", title: "Level two", track: "pod" },
    ],
    students: [student("s1", "ana"), student("s2", "bo")],
    cells: [cell("s1", "l1", { passed: 1 }), cell("s2", "l1")],
    totals: totals(2),
    seq: 3,
    at: "2030-01-01T10:02:00.000Z",
    ...over,
  };
}

function batch(seq: number, over: Partial<DashboardBatch> = {}): DashboardBatch {
  return { classId: klass.id, seq, students: [], removedStudentIds: [], cells: [], totals: totals(2), at: `2030-01-01T10:03:${String(seq).padStart(2, "0")}.000Z`, ...over };
}

describe("applyBatch", () => {
  it("replaces the cell with the same student and level, and keeps the others as they were", () => {
    const before = view();
    const after = applyBatch(before, batch(4, { cells: [cell("s1", "l1", { passed: 2 })] }));
    expect(after.cells.find((c) => c.studentId === "s1" && c.levelId === "l1")?.passed).toBe(2);
    expect(after.cells).toHaveLength(2);
    expect(after.cells.find((c) => c.studentId === "s2")).toBe(before.cells[1]);
    expect(after.students[0]).toBe(before.students[0]);
    expect(after.seq).toBe(4);
  });

  it("adds a cell the view did not have (a level just opened)", () => {
    const after = applyBatch(view(), batch(4, { cells: [cell("s2", "l2", { status: "solved", stars: 3, passed: 3 })] }));
    expect(after.cells).toHaveLength(3);
    expect(after.cells.find((c) => c.studentId === "s2" && c.levelId === "l2")?.status).toBe("solved");
  });

  it("ignores a batch whose seq is not newer than the view's", () => {
    const before = view();
    expect(applyBatch(before, batch(3, { cells: [cell("s1", "l1", { passed: 3 })] }))).toBe(before);
    expect(applyBatch(before, batch(2, { removedStudentIds: ["s1"] }))).toBe(before);
  });

  it("applies batches in order, and a late older one changes nothing", () => {
    let v = view();
    v = applyBatch(v, batch(4, { cells: [cell("s1", "l1", { passed: 2 })] }));
    v = applyBatch(v, batch(5, { cells: [cell("s1", "l1", { status: "solved", passed: 3, stars: 2 })], totals: totals(2, 1) }));
    v = applyBatch(v, batch(4, { cells: [cell("s1", "l1", { passed: 2 })], totals: totals(2, 0) }));
    expect(v.seq).toBe(5);
    expect(v.cells.find((c) => c.studentId === "s1" && c.levelId === "l1")).toMatchObject({ status: "solved", stars: 2 });
    expect(v.totals.solved).toBe(1);
  });

  it("drops removed students with their cells", () => {
    const after = applyBatch(view(), batch(4, { removedStudentIds: ["s1"], totals: totals(1) }));
    expect(after.students.map((s) => s.id)).toEqual(["s2"]);
    expect(after.cells.map((c) => c.studentId)).toEqual(["s2"]);
    expect(after.totals.students).toBe(1);
  });

  it("updates a student in place (online) and appends students who joined, in join order", () => {
    const after = applyBatch(view(), batch(4, { students: [student("s3", "cy"), student("s1", "ana", false), student("s4", "di")], totals: totals(4) }));
    expect(after.students.map((s) => [s.nickname, s.online])).toEqual([
      ["ana", false],
      ["bo", true],
      ["cy", true],
      ["di", true],
    ]);
  });

  it("replaces the totals with the batch's", () => {
    const t: DashboardTotals = { students: 2, online: 1, solved: 1, working: 1, stuck: 1, notStarted: 1, levels: [{ levelId: "l1", solved: 1, working: 1, stuck: 0, notStarted: 0 }] };
    expect(applyBatch(view(), batch(4, { totals: t })).totals).toEqual(t);
  });

  it("ignores another class's batch", () => {
    const before = view();
    expect(applyBatch(before, batch(9, { classId: "class-bbbbbbbbbbbbbbbb", removedStudentIds: ["s1"] }))).toBe(before);
  });
});

describe("applyClassState and cellsByStudent", () => {
  it("takes this class's new state and ignores another's", () => {
    const paused = { ...klass, status: "paused" as const };
    expect(applyClassState(view(), paused).class.status).toBe("paused");
    const before = view();
    expect(applyClassState(before, { ...paused, id: "class-bbbbbbbbbbbbbbbb" })).toBe(before);
  });

  it("groups cells by student and level", () => {
    const rows = cellsByStudent(view().cells);
    expect(rows.get("s1")?.get("l1")?.passed).toBe(1);
    expect(rows.get("s1")?.get("l2")).toBeUndefined();
    expect(rows.get("s2")?.size).toBe(1);
  });
});

describe("sameRowCells (a grid row re-renders only when its own cells change)", () => {
  const levels = ["l1", "l2"];
  it("is true for rows a batch did not touch, false for the one it did", () => {
    const before = view();
    const after = applyBatch(before, batch(4, { cells: [cell("s1", "l1", { passed: 2 })] }));
    const [rowsBefore, rowsAfter] = [cellsByStudent(before.cells), cellsByStudent(after.cells)];
    expect(sameRowCells(levels, rowsBefore.get("s2"), rowsAfter.get("s2"), 1, 1)).toBe(true);
    expect(sameRowCells(levels, rowsBefore.get("s1"), rowsAfter.get("s1"), 1, 1)).toBe(false);
    // A student with no cells yet, and still none.
    expect(sameRowCells(levels, undefined, undefined, 1, 1)).toBe(true);
  });

  it("follows the clock only for a row with a stuck cell", () => {
    const working = cellsByStudent([cell("s1", "l1")]).get("s1");
    const stuck = cellsByStudent([cell("s1", "l1", { status: "stuck" })]).get("s1");
    expect(sameRowCells(levels, working, working, 1, 2)).toBe(true);
    expect(sameRowCells(levels, stuck, stuck, 1, 2)).toBe(false);
    expect(sameRowCells(levels, stuck, stuck, 2, 2)).toBe(true);
  });
});
