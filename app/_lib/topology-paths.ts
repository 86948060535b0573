/** SVG path strings for the topology canvas's wires, tunnels and VIP lines. */
import type { Pt, Side } from "./topology-views";

const DIR: Record<Side, Pt> = { top: { x: 0, y: -1 }, bottom: { x: 0, y: 1 }, left: { x: -1, y: 0 }, right: { x: 1, y: 0 } };

/** A cubic curve leaving each port straight out of its edge. */
export function curve(a: Pt & { side: Side }, b: Pt & { side: Side }): string {
  const dist = Math.hypot(a.x - b.x, a.y - b.y);
  const k = Math.max(28, Math.min(90, dist / 2.5));
  const da = DIR[a.side];
  const db = DIR[b.side];
  return `M ${r(a.x)} ${r(a.y)} C ${r(a.x + da.x * k)} ${r(a.y + da.y * k)}, ${r(b.x + db.x * k)} ${r(b.y + db.y * k)}, ${r(b.x)} ${r(b.y)}`;
}
const r = (n: number) => Math.round(n * 10) / 10;

/** A curve from a to b rising at most `room` above them (a cubic reaches 3/4 of its control height). */
export function arch(a: Pt, b: Pt, room: number): string {
  const lift = Math.min((room * 4) / 3, 34 + Math.abs(a.x - b.x) / 6);
  const top = Math.min(a.y, b.y) - lift;
  return `M ${r(a.x)} ${r(a.y)} C ${r(a.x)} ${r(top)}, ${r(b.x)} ${r(top)}, ${r(b.x)} ${r(b.y)}`;
}
