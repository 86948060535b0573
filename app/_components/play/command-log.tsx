"use client";
/** The attempt's command log: what ran where, what the engine said, and whether the server confirmed it. */
import type { SessionEntry } from "@/app/_lib/play-session";

const SYNC_TEXT: Record<SessionEntry["sync"], { mark: string; text: string; cls: string }> = {
  pending: { mark: "…", text: "waiting for the server", cls: "text-faint" },
  confirmed: { mark: "✓", text: "confirmed by the server", cls: "text-ok" },
  corrected: { mark: "!", text: "the server decided differently; its log wins", cls: "text-warn" },
  failed: { mark: "✗", text: "the server refused the request", cls: "text-bad" },
};

export function CommandLog({ log }: { log: readonly SessionEntry[] }) {
  if (log.length === 0) return <p className="p-3 text-sm text-faint">No commands yet. Everything you type or do in an editor is listed here.</p>;
  return (
    <ol className="h-full overflow-auto p-2 font-mono text-[0.78rem] leading-snug" aria-label="Command log">
      {[...log].reverse().map((e) => {
        const s = SYNC_TEXT[e.sync];
        return (
          <li key={e.seq} className="border-b border-ink-800 py-1">
            <div className="flex items-start gap-2">
              <span className="w-6 shrink-0 text-right text-faint">{e.seq}</span>
              <span className={`min-w-0 flex-1 break-all ${e.undone ? "text-faint line-through" : e.accepted ? "text-fg" : "text-bad"}`}>
                <span className="text-faint">{e.host}# </span>
                {e.line.split("\n")[0]}
                {e.line.includes("\n") ? <span className="text-faint"> (+{e.line.split("\n").length - 1} lines)</span> : null}
              </span>
              <span className={`shrink-0 ${s.cls}`} title={s.text}>
                <span aria-hidden="true">{s.mark}</span>
                <span className="sr-only">{s.text}</span>
              </span>
            </div>
            <p className="ml-8 text-[0.72rem] text-faint">
              {e.undone ? "undone · " : ""}
              {!e.accepted ? `refused: ${e.error ?? ""}` : e.changed ? "changed the configuration" : "looked (changed nothing)"}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
