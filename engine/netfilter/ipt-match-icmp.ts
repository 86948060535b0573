/** The icmp match: --icmp-type by name (iptables' own table, case-insensitive prefixes) or TYPE[/CODE]. */
import { param, stop } from "./ipt-errors";
import type { MatchInstance, OptCall, OptEntry } from "./ipt-ext";
import { strtoui } from "./ipt-values";
import type { Match } from "./types";

/** xtables' icmp_codes: name, type, code range (0-255 = any code). "any" is type 255. */
export const ICMP_NAMES: readonly (readonly [string, number, number, number])[] = [
  ["any", 255, 0, 255],
  ["echo-reply", 0, 0, 255],
  ["pong", 0, 0, 255],
  ["destination-unreachable", 3, 0, 255],
  ["network-unreachable", 3, 0, 0],
  ["host-unreachable", 3, 1, 1],
  ["protocol-unreachable", 3, 2, 2],
  ["port-unreachable", 3, 3, 3],
  ["fragmentation-needed", 3, 4, 4],
  ["source-route-failed", 3, 5, 5],
  ["network-unknown", 3, 6, 6],
  ["host-unknown", 3, 7, 7],
  ["network-prohibited", 3, 9, 9],
  ["host-prohibited", 3, 10, 10],
  ["TOS-network-unreachable", 3, 11, 11],
  ["TOS-host-unreachable", 3, 12, 12],
  ["communication-prohibited", 3, 13, 13],
  ["host-precedence-violation", 3, 14, 14],
  ["precedence-cutoff", 3, 15, 15],
  ["source-quench", 4, 0, 255],
  ["redirect", 5, 0, 255],
  ["network-redirect", 5, 0, 0],
  ["host-redirect", 5, 1, 1],
  ["TOS-network-redirect", 5, 2, 2],
  ["TOS-host-redirect", 5, 3, 3],
  ["echo-request", 8, 0, 255],
  ["ping", 8, 0, 255],
  ["router-advertisement", 9, 0, 255],
  ["router-solicitation", 10, 0, 255],
  ["time-exceeded", 11, 0, 255],
  ["ttl-exceeded", 11, 0, 255],
  ["ttl-zero-during-transit", 11, 0, 0],
  ["ttl-zero-during-reassembly", 11, 1, 1],
  ["parameter-problem", 12, 0, 255],
  ["ip-header-bad", 12, 0, 0],
  ["required-option-missing", 12, 1, 1],
  ["timestamp-request", 13, 0, 255],
  ["timestamp-reply", 14, 0, 255],
  ["address-mask-request", 17, 0, 255],
  ["address-mask-reply", 18, 0, 255],
];

export interface IcmpType {
  readonly type: number;
  readonly code?: number;
}

export function parseIcmpType(text: string, column: number): IcmpType {
  const lower = text.toLowerCase();
  let found: (typeof ICMP_NAMES)[number] | undefined;
  for (const entry of ICMP_NAMES) {
    if (!entry[0].toLowerCase().startsWith(lower)) continue;
    if (found) stop(param(`Ambiguous ICMP type \`${text}': \`${found[0]}' or \`${entry[0]}'?`, column));
    found = entry;
  }
  if (found && text !== "") return found[2] === 0 && found[3] === 255 ? { type: found[1] } : { type: found[1], code: found[2] };
  const slash = text.indexOf("/");
  const type = strtoui(slash < 0 ? text : text.slice(0, slash), 0, 255);
  const code = slash < 0 ? undefined : strtoui(text.slice(slash + 1), 0, 255);
  if (type === undefined || (slash >= 0 && code === undefined)) stop(param(`Unknown ICMP type \`${text}'`, column));
  return code === undefined ? { type: type! } : { type: type!, code };
}

const ICMP_OPTIONS: readonly OptEntry[] = [{ name: "icmp-type", arg: true, invert: true, mand: true }];

export function icmpMatch(): MatchInstance {
  let icmpType: { value: IcmpType; negate: boolean } | undefined;
  return {
    name: "icmp",
    options: ICMP_OPTIONS,
    parse(call: OptCall) {
      icmpType = { value: parseIcmpType(call.arg, call.argColumn), negate: call.invert };
    },
    check() {},
    build(): Match {
      return { kind: "icmp", icmpType: icmpType! };
    },
  };
}
