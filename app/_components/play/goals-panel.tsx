"use client";
/**
 * The level's goals: a local tick from the browser's engine (instant) and a second mark when
 * the server's verdict confirms it. A failing goal says why, from the judge's trace-derived
 * explanation. "Watch" loads the goal's probe into the trace player.
 */
import type { VerdictSummary } from "@/game/protocol";
import type { Verdict } from "@/engine/judge/verdict";
import { InlineMarkdown } from "@/app/_components/markdown";

interface Props {
  readonly local: Verdict;
  readonly server: VerdictSummary | undefined;
  readonly pending: boolean;
  readonly onWatch: (goalId: string) => void;
}

export function GoalsPanel({ local, server, pending, onWatch }: Props) {
  return (
    <section aria-labelledby="goals-title">
      <div className="flex items-baseline justify-between">
        <h2 id="goals-title" className="panel-title">
          Goals
        </h2>
        <span className="text-sm text-muted" aria-live="polite">
          {local.passed}/{local.total} passing{pending ? "" : server && server.passed !== local.passed ? ` · server: ${server.passed}/${server.total}` : ""}
        </span>
      </div>
      <ul className="mt-2 space-y-2">
        {local.goals.map((g) => {
          const s = server?.goals.find((x) => x.id === g.id);
          const serverMark = pending || !s ? "pending" : s.pass ? "pass" : "fail";
          return (
            <li
              key={g.id}
              data-testid={`goal-${g.id}`}
              data-local={g.pass ? "pass" : "fail"}
              data-server={serverMark}
              className={`rounded-md border p-2 ${g.pass ? "border-ok/40 bg-ok/5" : "border-ink-600 bg-ink-900"}`}
            >
              <div className="flex items-start gap-2">
                <span aria-hidden="true" className={`mt-px text-lg leading-5 ${g.pass ? "text-ok" : "text-bad"}`}>
                  {g.pass ? "✓" : "✗"}
                </span>
                <div className="min-w-0 flex-1">
                  <p className="text-sm leading-snug text-fg">
                    <span className="sr-only">{g.pass ? "Passes: " : "Fails: "}</span>
                    <InlineMarkdown text={g.text.en} />
                  </p>
                  <p className="mt-1 flex flex-wrap items-center gap-2 text-xs">
                    <ServerMark mark={serverMark} />
                    {g.probes.length > 0 ? (
                      <button type="button" className="btn btn-small" onClick={() => onWatch(g.id)} aria-label={`Watch the packet for: ${g.text.en}`}>
                        ▶ Watch
                      </button>
                    ) : null}
                  </p>
                  {!g.pass && g.explanation ? <p className="mt-1.5 border-l-2 border-bad/60 pl-2 text-[0.8rem] leading-snug text-muted">{g.explanation}</p> : null}
                </div>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function ServerMark({ mark }: { mark: "pass" | "fail" | "pending" }) {
  if (mark === "pending")
    return (
      <span className="rounded border border-ink-500 px-1.5 py-px text-faint" title="Waiting for the server's verdict">
        server …
      </span>
    );
  return (
    <span className={`rounded border px-1.5 py-px ${mark === "pass" ? "border-ok/60 text-ok" : "border-bad/60 text-bad"}`} title="The server's verdict, the one that counts">
      server {mark === "pass" ? "✓ confirmed" : "✗ not yet"}
    </span>
  );
}
