"use client";
/** Hints, the revealed solution, and the success panel. */
import { useEffect, useRef, type ReactNode } from "react";

/** Brings a panel into view when it appears or grows (a new hint, the solution). */
function useRevealOn(count: number) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (count > 0) ref.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [count]);
  return ref;
}
import { InlineMarkdown, Markdown } from "@/app/_components/markdown";
import { Stars } from "@/app/_components/level-badges";

export function HintsList({ hints, hintCount }: { hints: readonly string[]; hintCount: number }) {
  const ref = useRevealOn(hints.length);
  if (hints.length === 0) return null;
  return (
    <section ref={ref} aria-labelledby="hints-title" className="mt-4">
      <h2 id="hints-title" className="panel-title">
        Hints ({hints.length} of {hintCount})
      </h2>
      <ol className="mt-1.5 space-y-1.5">
        {hints.map((h, i) => (
          <li key={i} className="rounded-md border border-warn/30 bg-warn/5 p-2 text-sm leading-snug">
            <span className="mr-1 font-semibold text-warn">{i + 1}.</span>
            <InlineMarkdown text={h} />
          </li>
        ))}
      </ol>
    </section>
  );
}

export function SolutionList({ lines, onType }: { lines: readonly { host: string; line: string }[]; onType: (host: string, line: string) => void }) {
  const ref = useRevealOn(lines.length);
  return (
    <section ref={ref} aria-labelledby="solution-title" className="mt-4">
      <h2 id="solution-title" className="panel-title">
        Reference solution
      </h2>
      <p className="mt-1 text-xs text-muted">One way to solve it. Any commands that make the goals pass are fine.</p>
      <ol className="mt-1.5 space-y-1.5">
        {lines.map((l, i) => (
          <li key={i} className="rounded border border-ink-600 bg-ink-950 p-1.5">
            <code className="block break-all font-mono text-[0.78rem] text-fg">
              <span className="text-ok">{l.host}#</span> {l.line}
            </code>
            <button type="button" className="btn btn-small mt-1" onClick={() => onType(l.host, l.line)}>
              Run on {l.host}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * Shown once the server confirms the level solved. Its text scrolls inside the panel, so the
 * way on (`next`) stays in view however little room the panel gets.
 */
export function SuccessPanel({ text, stars, next }: { text: string; stars: number; next: ReactNode }) {
  return (
    <section data-testid="success" aria-labelledby="success-title" className="flex max-h-full min-h-0 flex-col rounded-lg border border-ok/60 bg-ok/10 p-3" role="status">
      <div className="flex shrink-0 items-center justify-between gap-2">
        <h2 id="success-title" className="text-lg font-bold text-ok">
          Level solved
        </h2>
        <Stars count={stars} size="text-2xl" />
      </div>
      <div className="mt-2 min-h-0 overflow-y-auto" tabIndex={0} aria-label="What you just did">
        <Markdown text={text} className="text-sm leading-relaxed text-fg" />
      </div>
      <div className="mt-3 shrink-0">{next}</div>
    </section>
  );
}
