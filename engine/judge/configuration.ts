/** Whether two states differ in anything a student could see with a show command. */
import type { NetState } from "../model/types";
import { showOutput } from "./prepare";

const DUMPS = ["ip addr", "ip route", "ip link", "ip neigh", "bridge fdb", "iptables-save", "sysctl -a"];

/**
 * What the last states' hosts printed: the state after one command is the state before the next,
 * so its dumps are printed once. Bounded (a few KB a host a state), oldest out first.
 */
const printed = new Map<NetState, Map<string, string>>();
const PRINTED_STATES = 256;

function dump(state: NetState, host: string, line: string): string {
  let outputs = printed.get(state);
  if (!outputs) {
    if (printed.size >= PRINTED_STATES) printed.delete(printed.keys().next().value!);
    printed.set(state, (outputs = new Map()));
  }
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
