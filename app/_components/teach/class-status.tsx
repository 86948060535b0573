/** A class's state as a small badge: lobby, running, paused, ended. */
import type { ClassStatus } from "@/game/class-machine";

const LOOK: Record<ClassStatus, { label: string; className: string }> = {
  lobby: { label: "Lobby", className: "border-accent/60 text-accent-strong" },
  running: { label: "Running", className: "border-ok/60 text-ok" },
  paused: { label: "Paused", className: "border-warn/60 text-warn" },
  ended: { label: "Ended", className: "border-ink-500 text-muted" },
};

export function ClassStatusBadge({ status }: { status: ClassStatus }) {
  const look = LOOK[status];
  return (
    <span data-testid="class-status" data-status={status} className={`inline-flex items-center rounded border px-2 py-0.5 text-sm font-semibold ${look.className}`}>
      {look.label}
    </span>
  );
}
