/** Whether two states differ in anything a student could see with a show command. */
import type { NetState } from "../model/types";
import { showOutput } from "./prepare";

const DUMPS = ["ip addr", "ip route", "ip link", "ip neigh", "bridge fdb", "iptables-save", "sysctl -a"];

/**
 * What states' hosts printed, for as long as each state lives: the state after one command is
 * the state before the next, so its dumps are printed once. A server keeps each attempt's
 * current state, and a class has many attempts; a cache of the last few hundred states was
 * empty again by the time the same student sent their next command.
 */
const printed = new WeakMap<NetState, Map<string, string>>();

function dump(state: NetState, host: string, line: string): string {
  let outputs = printed.get(state);
  if (!outputs) printed.set(state, (outputs = new Map()));
  const key = `${host}\n${line}`;
  let out = outputs.get(key);
  if (out === undefined) outputs.set(key, (out = showOutput(state, host, line)));
  return out;
}

/** [JC4] The host's whole configuration, as its own show commands print it, is the same. */
export function sameConfiguration(a: NetState, b: NetState, host: string): boolean {
  return DUMPS.every((line) => dump(a, host, line) === dump(b, host, line));
}

/**
 * [JC7] A command changed nothing visible on any host (a show, a list, a check). Only the hosts
 * whose objects the command replaced are printed: what a host shows of another (its veth's
 * carrier, from the peer's up flag) the other host's own `ip link` shows too. Time moving
 * (FDB ageing) means every host is printed.
 */
export function sameEverywhere(a: NetState, b: NetState): boolean {
  if (a === b) return true;
  const everyHost = a.now !== b.now;
  return Object.keys(b.hosts).every((host) => {
    const before = a.hosts[host];
    if (!before) return false;
    return (!everyHost && before === b.hosts[host]) || sameConfiguration(a, b, host);
  });
}
