/**
 * Classifies what iputils ping(8) printed for one echo request (`ping -n -c 1 -W 4 ...`).
 * The strings are iputils 20221126's, as observed in network namespaces on Linux 6.18:
 *   "64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=0.872 ms"       echo reply
 *   "From 10.0.0.1 icmp_seq=1 Destination Host Unreachable"         failed ARP, ICMP host unreachable
 *   "From 10.0.0.2 icmp_seq=1 Destination Net Unreachable"          ICMP net unreachable
 *   "From 10.0.0.2 icmp_seq=1 Destination Port Unreachable"         ICMP port unreachable (REJECT default)
 *   "From 10.0.0.2 icmp_seq=1 Destination Host Prohibited" / "Packet filtered"   REJECT --reject-with ...
 *   "From 10.0.0.1 icmp_seq=1 Frag needed and DF set (mtu = 1400)"  ICMP fragmentation needed
 *   "ping: connect: Network is unreachable"                          no route at the sender
 *   "ping: local error: message too long, mtu=1500"                  DF packet larger than a known PMTU
 *   "ping: bind: Cannot assign requested address"                    -I with a non-local address
 * An echo request dropped by the sender's own OUTPUT chain prints nothing (timeout), although a
 * UDP send(2) in the same place fails with EPERM.
 * ICMP errors map like the socket errors of net/ipv4/icmp.c icmp_err_convert[]: prohibited and
 * time-exceeded count as unreachable (EHOSTUNREACH for a TCP socket), port unreachable as refused.
 */
import type { Outcome } from "../../engine/scenario/types";

type PingClass = Exclude<Outcome["result"], "connected">;

const LOCAL_ERRORS = ["local error", "message too long", "cannot assign requested address", "operation not permitted", "invalid argument"];
const REFUSED = ["destination port unreachable", "destination protocol unreachable"];
const UNREACHABLE = [
  "destination host unreachable", "destination net unreachable", "frag needed", "network is unreachable",
  "no route to host", "prohibited", "packet filtered", "time to live exceeded", "destination host unknown",
  "destination net unknown", "source route failed",
];

export type PingVerdict = { result: "reply"; replyFrom: string; detail: string } | { result: Exclude<PingClass, "reply">; detail: string };

export function classifyPingOutput(stdout: string, stderr: string): PingVerdict {
  // ping prefixes its errors with argv[0], which is a full path when run as /usr/bin/ping.
  const lines = `${stdout}\n${stderr}`
    .split("\n")
    .map((line) => line.trim().replace(/^\S*\/ping:/, "ping:"))
    .filter(Boolean);
  const reply = lines.map((line) => /^\d+ bytes from (\d+\.\d+\.\d+\.\d+)/.exec(line)).find(Boolean);
  if (reply) return { result: "reply", replyFrom: reply[1]!, detail: short(reply[0]) };
  const local = findLine(lines, LOCAL_ERRORS);
  if (local) return { result: "local-error", detail: short(local) };
  const refused = findLine(lines, REFUSED);
  if (refused) return { result: "refused", detail: short(refused) };
  const unreachable = findLine(lines, UNREACHABLE);
  if (unreachable) return { result: "unreachable", detail: short(unreachable) };
  const other = lines.find((line) => line.startsWith("ping:"));
  if (other) return { result: "local-error", detail: short(other) };
  return { result: "timeout", detail: "no reply" };
}

function findLine(lines: readonly string[], needles: readonly string[]): string | undefined {
  return lines.find((line) => needles.some((needle) => line.toLowerCase().includes(needle)));
}

function short(text: string): string {
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}
