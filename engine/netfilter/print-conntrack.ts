/**
 * `conntrack -L` lines as conntrack-tools 1.4.7 prints them ([IPT17]): protocol name padded to
 * 8, number, seconds left, the TCP state, the original tuple, [UNREPLIED], the reply tuple,
 * [ASSURED], mark and use.
 */
import { formatIPv4, inPrefix } from "../addr/ipv4";
import type { ConntrackFilter } from "./ipt-command";
import type { CtEntry, CtTuple } from "./types";

const NUM = { tcp: 6, udp: 17, icmp: 1 } as const;

function tuple(t: CtTuple, original: boolean): string {
  const addrs = `src=${formatIPv4(t.src)} dst=${formatIPv4(t.dst)} `;
  if (t.proto === "icmp") return `${addrs}type=${original ? 8 : 0} code=0 id=${t.sport} `;
  return `${addrs}sport=${t.sport} dport=${t.dport} `;
}

export function conntrackLine(e: CtEntry, now: number): string {
  const left = Math.max(0, Math.floor(e.timeout - (now - e.created)));
  const p = e.original.proto;
  let s = `${p.padEnd(8)} ${NUM[p]} ${left} `;
  if (p === "tcp" && e.tcpState) s += `${e.tcpState} `;
  s += tuple(e.original, true);
  if (!e.replied) s += "[UNREPLIED] ";
  s += tuple(e.reply, false);
  if (e.assured) s += "[ASSURED] ";
  return `${s}mark=${e.mark} use=1`;
}

export function matchesFilter(e: CtEntry, f: ConntrackFilter): boolean {
  const o = e.original;
  if (f.proto !== undefined && o.proto !== f.proto) return false;
  if (f.src && !inPrefix(o.src, f.src.address, f.src.prefixLen)) return false;
  if (f.dst && !inPrefix(o.dst, f.dst.address, f.dst.prefixLen)) return false;
  if (f.sport !== undefined && o.sport !== f.sport) return false;
  if (f.dport !== undefined && o.dport !== f.dport) return false;
  if (f.snat && !e.snat) return false;
  if (f.dnat && !e.dnat) return false;
  return true;
}
