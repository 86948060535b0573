/** Whether two states differ in anything a student could see with a show command. */
import type { NetState } from "../model/types";
import { showOutput } from "./prepare";

const DUMPS = ["ip addr", "ip route", "ip link", "ip neigh", "bridge fdb", "iptables-save", "sysctl -a"];

/** [JC4] The host's whole configuration, as its own show commands print it, is the same. */
export function sameConfiguration(a: NetState, b: NetState, host: string): boolean {
  return DUMPS.every((line) => showOutput(a, host, line) === showOutput(b, host, line));
}

/** A command changed nothing visible on any host (a show, a list, a check). */
export function sameEverywhere(a: NetState, b: NetState): boolean {
  if (a === b) return true;
  return Object.keys(b.hosts).every((host) => host in a.hosts && sameConfiguration(a, b, host));
}
