/** The class at a glance, above the grid: who is here, and how the cells add up. */
import type { DashboardTotals } from "@/game/class-protocol";

export function ClassTotals({ totals }: { totals: DashboardTotals }) {
  const items: [string, number, string][] = [
    ["Students", totals.students, "text-white"],
    ["Online", totals.online, "text-ok"],
    ["Solved", totals.solved, "text-warn"],
    ["Working", totals.working, "text-accent-strong"],
    ["Stuck", totals.stuck, "text-bad"],
    ["Not started", totals.notStarted, "text-muted"],
  ];
  return (
    <section aria-labelledby="totals-title">
      <h2 id="totals-title" className="sr-only">
        Class totals: students, and student-level cells
      </h2>
      <dl data-testid="class-totals" className="grid grid-cols-3 gap-2 sm:grid-cols-6">
        {items.map(([label, value, color]) => (
          <div key={label} className="rounded-lg border border-ink-700 bg-ink-900 px-3 py-2">
            <dt className="text-xs uppercase tracking-wide text-muted">{label}</dt>
            <dd data-testid={`total-${label.toLowerCase().replace(" ", "-")}`} className={`text-2xl font-bold tabular-nums ${color}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
