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
