/** Curriculum levels, prepared for one seed, for the UI's pure logic tests. */
import { apply } from "../../engine/exec/apply";
import { prepareLevel, type PreparedLevel } from "../../engine/judge/prepare";
import type { NetState } from "../../engine/model/types";
import { levelFiles, readLevel } from "../../server/levels/catalog";

export function prepared(id: string, seed = 0): PreparedLevel {
  const ref = levelFiles().find((r) => r.id === id);
  if (!ref) throw new Error(`no level ${id}`);
  const parsed = readLevel(ref, seed);
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  const p = prepareLevel(parsed.level);
  if (!p.ok) throw new Error(p.errors.join("\n"));
  return p.prepared;
}

/** The state after running lines (each must be accepted). */
export function after(state: NetState, lines: readonly [host: string, line: string][]): NetState {
  let s = state;
  for (const [host, line] of lines) {
    const r = apply(s, host, line);
    if (!r.ok) throw new Error(`${host}: ${line}: ${r.error}`);
    s = r.state;
  }
  return s;
}

export const DNAT_B = "iptables -t nat -A PREROUTING -d 10.96.0.20/32 -p tcp --dport 80 -j DNAT --to-destination 10.244.0.3:8080";
