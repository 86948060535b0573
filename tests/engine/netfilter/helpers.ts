/** Shortcuts for the netfilter command tests: one fresh host "h", commands applied in order. */
import { apply, createState } from "../../../engine/index";
import type { ApplyResult, NetState } from "../../../engine/index";

export const fresh = (): NetState => createState([{ name: "h", role: "node" }]);

export function run(state: NetState, ...lines: string[]): NetState {
  let s = state;
  for (const line of lines) {
    const r = apply(s, "h", line);
    if (!r.ok) throw new Error(`refused "${line.split("\n")[0]}": ${r.error}`);
    s = r.state;
  }
  return s;
}

export function out(state: NetState, line: string): string {
  const r = apply(state, "h", line);
  if (!r.ok) throw new Error(`refused "${line}": ${r.error}`);
  return r.output;
}

export function refused(state: NetState, line: string): Extract<ApplyResult, { ok: false }> {
  const before = JSON.stringify(state);
  const r = apply(state, "h", line);
  if (r.ok) throw new Error(`accepted, expected a refusal: "${line}"`);
  if (JSON.stringify(state) !== before) throw new Error(`"${line}" changed the state it was given`);
  return r;
}

/** The lines of `iptables -S` for one chain, without its -N/-P line. */
export function rulesOf(state: NetState, table: string, chain: string): string[] {
  return out(state, `iptables -t ${table} -S ${chain}`).split("\n").filter((l) => l.startsWith("-A "));
}
