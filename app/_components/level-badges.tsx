/** Small, labelled badges for a level: build/fix, difficulty dots and stars. */

export function ModeBadge({ mode }: { mode: "build" | "fix" }) {
  return (
    <span
      className={`shrink-0 rounded border px-1.5 py-px font-mono text-xs uppercase tracking-wide ${mode === "fix" ? "border-warn/60 text-warn" : "border-accent/60 text-accent-strong"}`}
      title={mode === "fix" ? "Fix: find what is broken" : "Build: finish what is unfinished"}
    >
      {mode}
    </span>
  );
}

export function Difficulty({ value }: { value: number }) {
  return (
    <span className="inline-flex items-center gap-0.5" role="img" aria-label={`Difficulty ${value} of 5`}>
      {[1, 2, 3, 4, 5].map((i) => (
        <span key={i} aria-hidden="true" className={`inline-block h-2 w-2 rounded-full ${i <= value ? "bg-accent" : "bg-ink-600"}`} />
      ))}
    </span>
  );
}

export function Stars({ count, size = "text-base" }: { count: number; size?: string }) {
  return (
    <span role="img" aria-label={`${count} of 3 stars`} className={`${size} leading-none tracking-tight`}>
      {[1, 2, 3].map((i) => (
        <span key={i} aria-hidden="true" className={i <= count ? "text-warn" : "text-ink-500"}>
          ★
        </span>
      ))}
    </span>
  );
}

/** A player's progress on a level, in words: not started, in progress with its goals, solved (with its stars, if asked). */
export function ProgressText({ p, withStars = false }: { p: { readonly status: "not-started" | "working" | "solved"; readonly passed: number; readonly total: number; readonly stars: number } | undefined; withStars?: boolean }) {
  if (!p || p.status === "not-started") return <span className="text-faint">Not started</span>;
  if (p.status === "working")
    return (
      <span className="text-warn">
        In progress · {p.passed}/{p.total} goals
      </span>
    );
  if (!withStars) return <span className="font-semibold text-ok">Solved</span>;
  return (
    <span className="flex items-center gap-1.5 font-semibold text-ok">
      Solved <Stars count={p.stars} />
    </span>
  );
}
