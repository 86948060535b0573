"use client";
/**
 * The projector's live part: the students who have joined, appearing as they join (the same
 * watched view as the dashboard), how many there are, and the class's state. Nicknames are
 * shown as text, as typed.
 */
import type { DashboardView } from "@/game/class-protocol";
import { ClassStatusBadge } from "./class-status";
import { useClassWatch } from "./use-class-watch";

/** Beyond this many names the wall of nicknames stops being readable; the count still says how many. */
const MAX_NAMES = 120;

export function ProjectorLobby({ initial }: { initial: DashboardView }) {
  const { view, connected, problem } = useClassWatch(initial);
  const students = view.students;
  const shown = students.length > MAX_NAMES ? students.slice(students.length - MAX_NAMES) : students;
  return (
    <section aria-labelledby="lobby-title" className="flex min-h-0 flex-1 flex-col gap-4">
      <div className="flex flex-wrap items-center gap-4">
        <h2 id="lobby-title" className="text-3xl font-bold text-white">
          <span data-testid="lobby-count" className="tabular-nums">
            {students.length}
          </span>{" "}
          {students.length === 1 ? "student has" : "students have"} joined
        </h2>
        <ClassStatusBadge status={view.class.status} />
        {!connected ? <span className="text-warn">reconnecting…</span> : null}
      </div>
      {problem ? (
        <p role="alert" className="text-bad">
          {problem}
        </p>
      ) : null}
      <ul data-testid="lobby-names" aria-live="polite" className="flex flex-wrap content-start gap-2 overflow-hidden">
        {students.length > shown.length ? <li className="rounded-full border border-ink-600 px-3 py-1 text-xl text-muted">+{students.length - shown.length} more</li> : null}
        {shown.map((s) => (
          <li key={s.id} data-testid={`lobby-${s.id}`} className="max-w-[20rem] truncate rounded-full border border-accent/50 bg-ink-850 px-3 py-1 text-xl text-white">
            {s.nickname}
          </li>
        ))}
      </ul>
    </section>
  );
}
