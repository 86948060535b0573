/** `iptables -L` and `iptables -S` for one table ([IPT11], [IPT12]). */
import type { ListFlags } from "./ipt-command";
import { listingOrder, references } from "./ipt-table";
import { listRuleLine, printNum } from "./print-list-rule";
import { saveRule } from "./print-save";
import type { Chain, Table } from "./types";

function header(t: Table, c: Chain, flags: ListFlags): string {
  let s = `Chain ${c.name}`;
  if (c.policy !== undefined) {
    s += ` (policy ${c.policy}`;
    if (flags.verbose) s += ` ${printNum(c.counters.packets, flags, false)}packets, ${printNum(c.counters.bytes, flags, false)}bytes`;
    s += ")\n";
  } else s += ` (${references(t, c.name)} references)\n`;
  if (flags.lineNumbers) s += "num  ";
  if (flags.verbose) s += flags.exact ? `${"pkts".padStart(8)} ${"bytes".padStart(10)} ` : " pkts bytes ";
  s += `${"target".padEnd(9)}  prot opt`;
  if (flags.verbose) s += ` ${"in".padEnd(6)} ${"out".padEnd(6)} `;
  s += ` ${"source".padEnd(19)}  ${"destination".padEnd(19)} \n`;
  return s;
}

/** -L [CHAIN [N]]: chains separated by a blank line; with a rule number, that rule's line only. */
export function listChains(t: Table, chain: string | undefined, num: number | undefined, flags: ListFlags): string {
  const chains = listingOrder(t).filter((c) => chain === undefined || c.name === chain);
  if (num !== undefined) {
    const c = chains[0];
    const r = c?.rules[num - 1];
    return r ? `${listRuleLine(r, num, r.counters, flags)}\n` : "";
  }
  return chains.map((c) => header(t, c, flags) + c.rules.map((r, i) => `${listRuleLine(r, i + 1, r.counters, flags)}\n`).join("")).join("\n");
}

/** -S [CHAIN [N]]: -P lines for built-in chains, -N for user chains, then the rules; -v adds counters. */
export function listRules(t: Table, chain: string | undefined, num: number | undefined, verbose: boolean): string {
  const chains = listingOrder(t).filter((c) => chain === undefined || c.name === chain);
  if (num !== undefined) {
    const c = chains[0];
    const r = c?.rules[num - 1];
    return c && r ? `${saveRule(c.name, r, verbose ? r.counters : undefined)}\n` : "";
  }
  const lines: string[] = [];
  for (const c of chains) {
    if (c.policy !== undefined) lines.push(`-P ${c.name} ${c.policy}${verbose ? ` -c ${c.counters.packets} ${c.counters.bytes}` : ""}`);
    else lines.push(`-N ${c.name}`);
  }
  for (const c of chains) for (const r of c.rules) lines.push(saveRule(c.name, r, verbose ? r.counters : undefined));
  return lines.map((l) => `${l}\n`).join("");
}
