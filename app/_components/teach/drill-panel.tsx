"use client";
/**
 * One student, read-only, beside the grid: what they typed as it happens, the first goal that
 * fails and why, and each host's addresses, routes and iptables rules. Everything here is the
 * student's or the engine's text, shown as text.
 */
import type { DashboardView, DrillView } from "@/game/class-protocol";

export interface DrillPanelProps {
  readonly view: DashboardView;
  readonly studentId: string;
  readonly drill: DrillView | undefined;
  readonly error: string | undefined;
  /** The level the instructor picked; undefined follows the student's most recent level. */
  readonly pickedLevel: string | undefined;
  readonly onPickLevel: (levelId: string | undefined) => void;
  readonly onRemove: () => void;
  readonly onClose: () => void;
}

function Block({ title, text }: { title: string; text: string }) {
  return (
    <div>
      <h4 className="mt-2 font-mono text-xs text-muted">{title}</h4>
      {/* Scrolls on its own: focusable, so a keyboard can scroll it too. */}
      <div role="region" aria-label={title} tabIndex={0} className="mt-0.5 max-h-56 overflow-auto rounded border border-ink-700 bg-ink-950 px-2 py-1">
        <pre className="whitespace-pre text-[0.75rem] leading-snug text-fg">{text.trim() || "(nothing)"}</pre>
      </div>
    </div>
  );
}

export function DrillPanel({ view, studentId, drill, error, pickedLevel, onPickLevel, onRemove, onClose }: DrillPanelProps) {
  const student = view.students.find((s) => s.id === studentId) ?? drill?.student;
  const nickname = student?.nickname ?? "student";
  const levelTitle = (id: string | undefined) => view.levels.find((l) => l.id === id)?.title ?? id ?? "";
  const entries = drill?.log ?? [];
  return (
    <aside data-testid="drill-panel" aria-label={`Drill-in: ${nickname}`} className="flex w-full flex-col gap-3 rounded-lg border border-ink-600 bg-ink-900 p-3 xl:w-[32rem] xl:shrink-0">
      <div className="flex items-start justify-between gap-2">
        <div>
          <h2 className="text-lg font-semibold text-white">
            <span className="sr-only">Drill-in: </span>
            {nickname}
          </h2>
          <p className="text-sm text-muted">{student?.online ? "online" : "offline"} · read-only</p>
        </div>
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      </div>

      <div className="flex flex-col gap-1 text-sm text-muted">
        <label htmlFor="drill-level">Level</label>
        <select id="drill-level" value={pickedLevel ?? ""} onChange={(e) => onPickLevel(e.target.value || undefined)} className="field py-1 text-sm">
          <option value="">Their most recent level{drill?.levelId && !pickedLevel ? ` (${levelTitle(drill.levelId)})` : ""}</option>
          {view.levels.map((l) => (
            <option key={l.id} value={l.id}>
              {l.title}
            </option>
          ))}
        </select>
      </div>

      {error ? (
        <p role="alert" className="text-sm text-bad">
          {error}
        </p>
      ) : null}
      {!drill ? (
        <p className="text-sm text-muted">Loading…</p>
      ) : !drill.levelId || !drill.attemptId ? (
        <p className="text-sm text-muted">{pickedLevel ? `${nickname} has not opened ${levelTitle(pickedLevel)} yet.` : `${nickname} has not opened a level yet.`}</p>
      ) : (
        <>
          <section aria-label="Goals">
            <h3 className="panel-title">{levelTitle(drill.levelId)}</h3>
            {drill.verdict ? (
              <p data-testid="drill-verdict" className={`text-sm ${drill.verdict.solved ? "text-ok" : "text-fg"}`}>
                {drill.verdict.solved ? "Solved: " : ""}
                {drill.verdict.passed} of {drill.verdict.total} goals pass
              </p>
            ) : null}
            {drill.firstFailing ? (
              <div data-testid="drill-first-failing" className="mt-1 rounded border border-bad/50 bg-bad/10 px-2 py-1 text-sm">
                <p className="font-semibold text-bad">First failing goal: {drill.firstFailing.text}</p>
                {drill.firstFailing.explanation ? <p className="mt-0.5 whitespace-pre-wrap text-fg">{drill.firstFailing.explanation}</p> : null}
              </div>
            ) : null}
          </section>

          <section aria-label="Command log">
            <h3 className="panel-title">Command log ({entries.length})</h3>
            {entries.length === 0 ? (
              <p className="text-sm text-muted">No commands yet.</p>
            ) : (
              <ol data-testid="drill-log" aria-label="Command log" tabIndex={0} aria-live="polite" className="mt-1 max-h-64 overflow-auto rounded border border-ink-700 bg-ink-950 px-2 py-1 font-mono text-[0.75rem] leading-snug">
                {entries.map((e) => (
                  <li key={e.seq} className={e.undone ? "text-faint line-through" : ""}>
                    <span className="text-ok">{e.host}#</span> <span className="whitespace-pre-wrap break-all">{e.line}</span>
                    {e.error ? <div className="whitespace-pre-wrap text-bad">{e.error}</div> : null}
                    {e.output ? <div className="whitespace-pre-wrap text-muted">{e.output}</div> : null}
                  </li>
                ))}
              </ol>
            )}
          </section>

          <section aria-label="Hosts">
            <h3 className="panel-title">Hosts</h3>
            {drill.hosts.map((h, i) => (
              <details key={h.host} className="mt-1" open={i === 0}>
                <summary className="cursor-pointer font-mono text-sm text-fg">{h.host}</summary>
                <Block title={`${h.host}: ip addr`} text={h.ipAddr} />
                <Block title={`${h.host}: ip route`} text={h.ipRoute} />
                <Block title={`${h.host}: iptables-save`} text={h.iptablesSave} />
              </details>
            ))}
          </section>
        </>
      )}

      <div className="mt-auto border-t border-ink-700 pt-2">
        <button type="button" className="btn text-bad" onClick={onRemove}>
          Remove {nickname} from the class
        </button>
      </div>
    </aside>
  );
}
