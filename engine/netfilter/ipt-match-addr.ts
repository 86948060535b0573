/** The addrtype and physdev matches. */
import { param, podpath, stop } from "./ipt-errors";
import type { MatchInstance, OptCall, OptEntry, ParseEnv } from "./ipt-ext";
import { parseIface } from "./ipt-values";
import type { AddrType, IfaceName, Match, Negatable } from "./types";

/** The RTN_* types in bit order (libxt_addrtype rtn_names). */
export const ADDR_TYPES: readonly AddrType[] = ["UNSPEC", "UNICAST", "LOCAL", "BROADCAST", "ANYCAST", "MULTICAST", "BLACKHOLE", "UNREACHABLE", "PROHIBIT"];
const UNMODELLED = ["THROW", "NAT", "XRESOLVE"];

function parseType(text: string, column: number): AddrType {
  const words = text.split(",");
  for (const w of words) {
    const u = w.toUpperCase();
    if (!ADDR_TYPES.includes(u as AddrType) && !UNMODELLED.includes(u)) stop(param(`addrtype: bad type "${w}"`, column));
  }
  if (words.length > 1) stop(podpath(`PodPath models one address type per --src-type/--dst-type: "${text}" lists several; use one rule per type.`, column));
  const u = text.toUpperCase();
  if (UNMODELLED.includes(u)) stop(podpath(`PodPath does not model the address type ${u}.`, column));
  return u as AddrType;
}

const ADDRTYPE_OPTIONS: readonly OptEntry[] = [
  { name: "src-type", arg: true, invert: true },
  { name: "dst-type", arg: true, invert: true },
  { name: "limit-iface-in", arg: false, excl: ["limit-iface-out"] },
  { name: "limit-iface-out", arg: false, excl: ["limit-iface-in"] },
];

export function addrtypeMatch(): MatchInstance {
  let srcType: Negatable<AddrType> | undefined;
  let dstType: Negatable<AddrType> | undefined;
  let limitIfaceIn = false;
  let limitIfaceOut = false;
  return {
    name: "addrtype",
    options: ADDRTYPE_OPTIONS,
    parse(call: OptCall) {
      if (call.name === "src-type") srcType = { value: parseType(call.arg, call.argColumn), negate: call.invert };
      else if (call.name === "dst-type") dstType = { value: parseType(call.arg, call.argColumn), negate: call.invert };
      else if (call.name === "limit-iface-in") limitIfaceIn = true;
      else limitIfaceOut = true;
    },
    check(seen, _env, column) {
      if (!seen.has("src-type") && !seen.has("dst-type")) stop(param("addrtype: you must specify --src-type or --dst-type", column));
    },
    // Options not given are undefined, the flags too (one object shape).
    build: (): Match => ({ kind: "addrtype", srcType, dstType, limitIfaceIn: limitIfaceIn || undefined, limitIfaceOut: limitIfaceOut || undefined }),
  };
}

const PHYSDEV_OPTIONS: readonly OptEntry[] = [
  { name: "physdev-in", arg: true, invert: true },
  { name: "physdev-out", arg: true, invert: true },
  { name: "physdev-is-in", arg: false, invert: true },
  { name: "physdev-is-out", arg: false, invert: true },
  { name: "physdev-is-bridged", arg: false, invert: true },
];

export function physdevMatch(): MatchInstance {
  let physdevIn: Negatable<IfaceName> | undefined;
  let physdevOut: Negatable<IfaceName> | undefined;
  let isIn: Negatable<true> | undefined;
  let isOut: Negatable<true> | undefined;
  let isBridged: Negatable<true> | undefined;
  return {
    name: "physdev",
    options: PHYSDEV_OPTIONS,
    parse(call: OptCall, env: ParseEnv) {
      const yes = { value: true as const, negate: call.invert };
      switch (call.name) {
        case "physdev-in":
          physdevIn = { value: parseIface(call.arg, call.argColumn, env.warnings), negate: call.invert };
          return;
        case "physdev-out":
          physdevOut = { value: parseIface(call.arg, call.argColumn, env.warnings), negate: call.invert };
          return;
        case "physdev-is-in":
          isIn = yes;
          return;
        case "physdev-is-out":
          isOut = yes;
          return;
        default:
          isBridged = yes;
      }
    },
    check(seen, _env, column) {
      if (seen.size === 0) stop(param("PHYSDEV: no physdev option specified", column));
    },
    build: (): Match => ({ kind: "physdev", physdevIn, physdevOut, isBridged, isIn, isOut }),
  };
}
