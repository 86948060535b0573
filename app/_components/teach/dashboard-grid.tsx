"use client";
/**
 * Students × levels. The header row and the name column stay in view while the grid scrolls.
 * Each row is memoized on its own student and cells (applyBatch keeps unchanged ones the same
 * objects), so a batch re-renders only the rows it changed, even with hundreds of students; a
 * row with a stuck cell also follows the clock (its "no progress for N min").
 */
import { memo, useEffect, useMemo, useState } from "react";
import type { DashboardCell, DashboardStudent, DashboardView, LevelTotals } from "@/game/class-protocol";
import { cellDisplay } from "@/app/_lib/class-format";
import { cellsByStudent, sameRowCells } from "@/app/_lib/dashboard-batch";

type Level = DashboardView["levels"][number];
export type Select = (studentId: string, levelId?: string) => void;

const LOOK = {
  "not-started": "text-faint",
  working: "text-accent-strong",
  solved: "text-warn",
  stuck: "bg-bad/15 text-bad font-semibold ring-1 ring-inset ring-bad/60",
} as const;

/** The clock for "no progress for N min": a new value every 20 s. */
function useNow(everyMs = 20_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

interface RowProps {
  readonly student: DashboardStudent;
  readonly levels: readonly Level[];
  readonly cells: ReadonlyMap<string, DashboardCell> | undefined;
  readonly now: number;
  readonly selected: boolean;
  readonly onSelect: Select;
}

function StudentRowView({ student, levels, cells, now, selected, onSelect }: RowProps) {
  return (
    <tr data-testid={`student-${student.id}`} className={selected ? "bg-ink-800" : "hover:bg-ink-850"}>
      <th scope="row" className={`sticky left-0 z-10 border-b border-r border-ink-700 px-2 py-1 text-left font-normal ${selected ? "bg-ink-800" : "bg-ink-900"}`}>
        <span className="flex items-center gap-2">
          <span className={`h-2.5 w-2.5 shrink-0 rounded-full ${student.online ? "bg-ok" : "bg-ink-500"}`} title={student.online ? "online" : "offline"} aria-hidden="true" />
          <span className="sr-only">{student.online ? "online" : "offline"}: </span>
          <button type="button" className="max-w-[14rem] truncate rounded text-left text-fg hover:text-accent-strong" aria-pressed={selected} onClick={() => onSelect(student.id)}>
            {student.nickname}
          </button>
        </span>
      </th>
      {levels.map((level) => {
        const d = cellDisplay(cells?.get(level.id), now);
        return (
          <td key={level.id} data-testid={`cell-${student.id}-${level.id}`} data-status={d.status} className={`border-b border-ink-700 p-0 text-center ${LOOK[d.status]}`}>
            <button
              type="button"
              className="h-full w-full whitespace-nowrap px-2 py-1 font-mono text-[0.8rem] tabular-nums"
              title={`${student.nickname}, ${level.title}: ${d.label}`}
              aria-label={`${student.nickname}, ${level.title}: ${d.label}`}
              onClick={() => onSelect(student.id, level.id)}
            >
              {d.text}
            </button>
          </td>
        );
      })}
    </tr>
  );
}

const StudentRow = memo(
  StudentRowView,
  (a, b) =>
    a.student === b.student &&
    a.levels === b.levels &&
    a.selected === b.selected &&
    a.onSelect === b.onSelect &&
    sameRowCells(
      b.levels.map((l) => l.id),
      a.cells,
      b.cells,
      a.now,
      b.now,
    ),
);

function LevelHeader({ level, totals }: { level: Level; totals: LevelTotals | undefined }) {
  return (
    <th scope="col" className="sticky top-0 z-20 min-w-[7rem] border-b border-ink-600 bg-ink-900 px-2 py-1.5 text-center align-bottom font-semibold">
      <span className="block max-w-[10rem] truncate text-fg" title={level.title}>
        {level.title}
      </span>
      {totals ? (
        <span className="block text-xs font-normal text-muted">
          {totals.solved} solved{totals.stuck ? <span className="text-bad"> · {totals.stuck} stuck</span> : null}
        </span>
      ) : null}
    </th>
  );
}

export function DashboardGrid({ view, selectedStudent, onSelect }: { view: DashboardView; selectedStudent: string | undefined; onSelect: Select }) {
  const now = useNow();
  const rows = useMemo(() => cellsByStudent(view.cells), [view.cells]);
  const levelTotals = useMemo(() => new Map(view.totals.levels.map((t) => [t.levelId, t])), [view.totals]);
  return (
    <div className="max-h-[70vh] overflow-auto rounded-lg border border-ink-700" role="region" aria-label="Students and levels" tabIndex={0}>
      <table className="border-separate border-spacing-0 text-sm">
        <caption className="sr-only">Each student&apos;s progress at each level of the class</caption>
        <thead>
          <tr>
            <th scope="col" className="sticky left-0 top-0 z-30 border-b border-r border-ink-600 bg-ink-900 px-2 py-1.5 text-left align-bottom font-semibold text-muted">
              Student
            </th>
            {view.levels.map((l) => (
              <LevelHeader key={l.id} level={l} totals={levelTotals.get(l.id)} />
            ))}
          </tr>
        </thead>
        <tbody>
          {view.students.length === 0 ? (
            <tr>
              <td colSpan={view.levels.length + 1} className="px-3 py-3 text-muted">
                No students yet. Put the projector view up: they join with the code.
              </td>
            </tr>
          ) : null}
          {view.students.map((s) => (
            <StudentRow key={s.id} student={s} levels={view.levels} cells={rows.get(s.id)} now={now} selected={selectedStudent === s.id} onSelect={onSelect} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
