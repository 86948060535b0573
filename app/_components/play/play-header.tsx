"use client";
/** The play screen's top bar: where you are, the connection, and the attempt's controls. */
import { useState, type ReactNode } from "react";
import type { PlaySession, SessionSnapshot } from "@/app/_lib/play-session";
import { Logo } from "@/app/_components/logo";
import { NavLink } from "@/app/_components/nav-link";
import { Stars } from "@/app/_components/level-badges";

interface Props {
  readonly title: string;
  readonly meta: ReactNode;
  readonly connected: boolean;
  readonly snap?: SessionSnapshot;
  readonly session?: PlaySession;
  readonly next?: { readonly id: string; readonly title: string };
  readonly home: string;
  /** The attempt may not change now: its controls are disabled. */
  readonly frozen?: boolean;
}

export function PlayHeader({ title, meta, connected, snap, session, next, home, frozen }: Props) {
  const [confirmReset, setConfirmReset] = useState(false);
  const ready = snap?.status === "ready" && session !== undefined;
  const hintsLeft = snap ? snap.hintCount - snap.hints.length : 0;
  const solved = snap?.server?.solved === true;
  return (
    <header className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-ink-700 bg-ink-900 px-3 py-1.5">
      <NavLink href={home} className="flex items-center gap-1.5 text-sm text-muted no-underline hover:text-white" aria-label="PodPath: back to the levels">
        <Logo size={22} />
        <span aria-hidden="true">Levels</span>
      </NavLink>
      <h1 className="min-w-0 flex-1 truncate text-base font-semibold text-white" title={title}>
        {title}
      </h1>
      <div className="hidden shrink-0 items-center gap-2 text-xs lg:flex">{meta}</div>
      <span className={`flex items-center gap-1.5 text-xs ${connected ? "text-muted" : "text-warn"}`} role="status">
        <span aria-hidden="true" className={`inline-block h-2 w-2 rounded-full ${connected ? (snap && snap.inFlight > 0 ? "bg-warn" : "bg-ok") : "bg-bad"}`} />
        {connected ? (snap && snap.inFlight > 0 ? "syncing" : "connected") : "offline"}
      </span>
      {ready && snap ? (
        <fieldset disabled={frozen} className="contents">
          <div className="flex items-center gap-1.5" role="toolbar" aria-label="Attempt">
            {solved ? <Stars count={snap.stars} /> : null}
            <button type="button" className="btn btn-small" disabled={hintsLeft <= 0} onClick={() => void session.hint()} title={hintsLeft > 0 ? "Show the next hint" : "Every hint is shown"}>
              Hint{snap.hintCount > 0 ? ` (${snap.hints.length}/${snap.hintCount})` : ""}
            </button>
            <button
              type="button"
              className="btn btn-small"
              disabled={!snap.canRevealSolution}
              onClick={() => void session.revealSolution()}
              title={snap.solutionShown ? "The solution is shown" : snap.canRevealSolution ? "Show the reference solution (you keep at most 1 star)" : "Available after a few commands, or once every hint is shown"}
            >
              Solution
            </button>
            <button type="button" className="btn btn-small" disabled={!snap.canUndo} onClick={() => void session.undo()} title="Take back the last command that changed something">
              Undo
            </button>
            {confirmReset ? (
              <span className="flex items-center gap-1">
                <button
                  type="button"
                  className="btn btn-small border-bad/70 text-bad"
                  onClick={() => {
                    setConfirmReset(false);
                    void session.reset();
                  }}
                >
                  Reset: sure?
                </button>
                <button type="button" className="btn btn-small" onClick={() => setConfirmReset(false)}>
                  Keep
                </button>
              </span>
            ) : (
              <button type="button" className="btn btn-small" onClick={() => setConfirmReset(true)} title="Start the level over">
                Reset
              </button>
            )}
            {next ? (
              <NavLink href={`/play/${next.id}`} className={`btn btn-small no-underline ${solved ? "btn-primary" : ""}`} title={`Next level: ${next.title}`}>
                Next →
              </NavLink>
            ) : null}
          </div>
        </fieldset>
      ) : null}
    </header>
  );
}
