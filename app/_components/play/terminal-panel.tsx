"use client";
/** The terminals: a tab per editable host, plus read-only hosts opened from the canvas. */
import type { ReactNode } from "react";
import { apply } from "@/engine/exec/apply";
import type { PlaySession } from "@/app/_lib/play-session";
import { panelId, tabId, TabList } from "@/app/_components/tabs";
import { XtermView } from "./xterm-view";

interface Props {
  readonly session: PlaySession;
  readonly editable: readonly string[];
  readonly readOnlyOpen: readonly string[];
  readonly active: string;
  readonly onActivate: (host: string) => void;
  readonly onClose: (host: string) => void;
  readonly focusToken: number;
  /** While set, the terminals are inert (no focus, no input) and this note shows above them. */
  readonly frozen?: ReactNode;
}

function show(session: PlaySession, host: string, line: string): string {
  const state = session.observedRun()?.state ?? session.snapshot().state;
  if (!state) return "";
  const r = apply(state, host, line);
  return r.ok ? r.output : r.error;
}

function ReadOnlyHost({ session, host, editable, onClose }: { session: PlaySession; host: string; editable: readonly string[]; onClose: () => void }) {
  return (
    <div className="h-full overflow-auto bg-ink-950 p-3 text-sm">
      <div className="flex items-start justify-between gap-3">
        <p className="text-muted">
          <strong className="text-white">{host}</strong> is read-only in this level: you can type on {editable.join(", ")}. What it holds right now:
        </p>
        <button type="button" className="btn btn-small" onClick={onClose}>
          Close
        </button>
      </div>
      {["ip addr", "ip route"].map((line) => (
        <section key={line} className="mt-3">
          <h3 className="font-mono text-xs text-faint"># {line}</h3>
          <pre className="mt-1 whitespace-pre-wrap font-mono text-[0.8rem] leading-snug text-fg">{show(session, host, line)}</pre>
        </section>
      ))}
    </div>
  );
}

export function TerminalPanel({ session, editable, readOnlyOpen, active, onActivate, onClose, focusToken, frozen }: Props) {
  const tabs = [...editable.map((h) => ({ id: h, label: h })), ...readOnlyOpen.map((h) => ({ id: h, label: <span className="text-muted">{h} <span className="text-xs">(read-only)</span></span>, name: `${h} (read-only)` }))];
  return (
    <section aria-label="Terminals" className="flex h-full min-h-0 flex-col">
      <TabList label="Terminals, one per host" tabs={tabs} value={active} onChange={onActivate} prefix="term" className="border-b border-ink-600 px-2 pt-1" />
      {frozen}
      <div className="relative min-h-0 flex-1" inert={!!frozen}>
        {editable.map((h) => (
          <div key={h} role="tabpanel" id={panelId("term", h)} aria-labelledby={tabId("term", h)} hidden={h !== active} className="absolute inset-0">
            <XtermView host={h} session={session} active={h === active} focusToken={focusToken} />
          </div>
        ))}
        {readOnlyOpen.map((h) => (
          <div key={h} role="tabpanel" id={panelId("term", h)} aria-labelledby={tabId("term", h)} hidden={h !== active} className="absolute inset-0">
            {h === active ? <ReadOnlyHost session={session} host={h} editable={editable} onClose={() => onClose(h)} /> : null}
          </div>
        ))}
      </div>
    </section>
  );
}
