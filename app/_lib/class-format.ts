/** How the teach pages write a class's things: join codes, dashboard cells, durations. Pure. */
import type { CellStatus, DashboardCell } from "../../game/class-protocol";

/** `ABC234` as `ABC 234`: two groups of three read better off a projector. */
export function groupJoinCode(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}

/** Whole minutes since `since` (never negative). */
export function minutesSince(since: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(since)) / 60_000));
}

export interface CellDisplay {
  readonly status: CellStatus;
  /** What the cell shows. */
  readonly text: string;
  /** The same in words, for the title and screen readers. */
  readonly label: string;
}

const stars = (n: number) => "★".repeat(Math.max(0, Math.min(3, n))) || "✓";

/** A missing cell is not started; a stuck cell says how long since the student last got further. */
export function cellDisplay(cell: DashboardCell | undefined, now: number): CellDisplay {
  if (!cell) return { status: "not-started", text: "·", label: "not started" };
  switch (cell.status) {
    case "not-started":
      return { status: "not-started", text: "·", label: "not started" };
    case "solved":
      return { status: "solved", text: stars(cell.stars), label: `solved, ${cell.stars} of 3 stars` };
    case "working":
      return { status: "working", text: `${cell.passed}/${cell.total}`, label: `working: ${cell.passed} of ${cell.total} goals pass` };
    case "stuck": {
      const minutes = minutesSince(cell.lastProgressAt, now);
      return { status: "stuck", text: `${cell.passed}/${cell.total} · ${minutes} min`, label: `stuck: no progress for ${minutes} min, ${cell.passed} of ${cell.total} goals pass` };
    }
    default: {
      const never: never = cell.status;
      throw new Error(`unknown cell status ${String(never)}`);
    }
  }
}

/** Seconds as `4 min 05 s` (or `42 s`); empty for no time. */
export function formatSeconds(seconds: number | undefined): string {
  if (seconds === undefined) return "";
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${String(s % 60).padStart(2, "0")} s`;
}
