"use client";
/**
 * The classroom's bar above the play screen: the class, its state, and the instructor's latest
 * message (to everyone, or to this student) until the student dismisses it. Plain text only.
 */
import { useState } from "react";
import type { ClassView } from "@/app/_lib/class-view";
import { STATUS_TEXT } from "@/app/_lib/class-view";
import { NavLink } from "@/app/_components/nav-link";

const TONE = { lobby: "text-muted", running: "text-ok", paused: "text-warn", ended: "text-muted" } as const;

export function ClassBar({ view }: { view: ClassView }) {
  const { joined } = view;
  const [dismissed, setDismissed] = useState(0);
  const latest = joined.messages.at(-1);
  const shown = latest && latest.id > dismissed ? latest : undefined;
  const status = joined.class.status;
  return (
    <div className="border-b border-ink-700 bg-ink-850 px-3 py-1 text-sm" data-testid="class-bar">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <NavLink href="/class" className="text-accent-strong">
          ← {joined.class.title}
        </NavLink>
        <span className={TONE[status]} data-testid="class-status">
          {STATUS_TEXT[status]}
        </span>
        <span className="text-muted">
          you are <span className="text-fg">{joined.student.nickname}</span>
        </span>
        {view.refusal ? <span className="text-warn">{view.refusal}</span> : null}
      </div>
      <div role="status" aria-live="polite" className="empty:hidden">
        {shown ? (
          <p className="mt-1 flex items-start gap-2 rounded border border-accent/50 bg-ink-900 px-2 py-1" data-testid="class-message">
            <span className="shrink-0 font-semibold text-accent-strong">{shown.to === "student" ? "Your instructor, to you:" : "Your instructor:"}</span>
            <span className="min-w-0 flex-1 whitespace-pre-wrap break-words text-fg">{shown.text}</span>
            <button type="button" className="btn btn-small shrink-0" onClick={() => setDismissed(shown.id)}>
              Dismiss
            </button>
          </p>
        ) : null}
      </div>
    </div>
  );
}
