/** The DNAT, SNAT and MASQUERADE targets: [ADDR[-ADDR]][:PORT[-PORT]] and their flags. */
import { param, stop } from "./ipt-errors";
import type { OptCall, OptEntry, ParseEnv, TargetInstance } from "./ipt-ext";
import { readAddress, strtoui } from "./ipt-values";
import type { NatRange, PortRange, Target } from "./types";

const NEED_PROTO = "Need TCP, UDP, SCTP or DCCP with port specification";

/** libxt_NAT looks at the protocol number only: "! -p tcp" still allows ports (verified). */
function portsAllowed(env: ParseEnv): boolean {
  const p = env.proto();
  return p !== undefined && (p.num === 6 || p.num === 17);
}

function parsePorts(text: string, column: number): PortRange {
  const dash = text.indexOf("-");
  const one = (t: string): number => strtoui(t, 0, 65535) ?? stop(param(`Port \`${t}' not valid`, column));
  const from = one(dash < 0 ? text : text.slice(0, dash));
  if (dash < 0) return { from, to: from };
  const toText = text.slice(dash + 1);
  const to = one(toText);
  if (to < from) stop(param(`Port range \`${toText}' funky`, column));
  return { from, to };
}

/** libxt_NAT parse_to(). */
function parseTo(text: string, env: ParseEnv, column: number): NatRange {
  const colon = text.indexOf(":");
  let ports: PortRange | undefined;
  if (colon >= 0) {
    if (!portsAllowed(env)) stop(param(NEED_PROTO, column));
    ports = parsePorts(text.slice(colon + 1), column);
  }
  const addr = colon < 0 ? text : text.slice(0, colon);
  if (addr === "") return ports ? { ports } : {};
  const dash = addr.indexOf("-");
  const one = (t: string): number => readAddress(t, () => param(`Bad IP address "${t}"`, column));
  const from = one(dash < 0 ? addr : addr.slice(0, dash));
  const to = dash < 0 ? from : one(addr.slice(dash + 1));
  return ports ? { from, to, ports } : { from, to };
}

const DNAT_OPTIONS: readonly OptEntry[] = [
  { name: "to-destination", arg: true, mand: true },
  { name: "random", arg: false },
  { name: "persistent", arg: false },
];
const SNAT_OPTIONS: readonly OptEntry[] = [
  { name: "to-source", arg: true, mand: true },
  { name: "random", arg: false },
  { name: "random-fully", arg: false },
  { name: "persistent", arg: false },
];
const MASQUERADE_OPTIONS: readonly OptEntry[] = [
  { name: "to-ports", arg: true },
  { name: "random", arg: false },
  { name: "random-fully", arg: false },
];

export function natTarget(kind: "DNAT" | "SNAT"): TargetInstance {
  const toName = kind === "DNAT" ? "to-destination" : "to-source";
  let to: NatRange = {};
  const flags = { random: false, randomFully: false, persistent: false };
  return {
    name: kind,
    options: kind === "DNAT" ? DNAT_OPTIONS : SNAT_OPTIONS,
    parse(call: OptCall, env: ParseEnv) {
      if (call.name === toName) to = parseTo(call.arg, env, call.argColumn);
      else if (call.name === "random") flags.random = true;
      else if (call.name === "random-fully") flags.randomFully = true;
      else flags.persistent = true;
    },
    check() {},
    build(): Target {
      // Flags are present only when set, in the order iptables-save prints them.
      const t: { kind: "DNAT" | "SNAT"; to: NatRange; random?: true; persistent?: true; randomFully?: true } = { kind, to };
      if (flags.random) t.random = true;
      if (flags.persistent) t.persistent = true;
      if (kind === "SNAT" && flags.randomFully) t.randomFully = true;
      return t as Target;
    },
  };
}

export function masqueradeTarget(): TargetInstance {
  let toPorts: PortRange | undefined;
  const flags = { random: false, randomFully: false };
  return {
    name: "MASQUERADE",
    options: MASQUERADE_OPTIONS,
    parse(call: OptCall, env: ParseEnv) {
      if (call.name === "to-ports") {
        if (!portsAllowed(env)) stop(param(NEED_PROTO, call.argColumn));
        toPorts = parsePorts(call.arg, call.argColumn);
      } else if (call.name === "random") flags.random = true;
      else flags.randomFully = true;
    },
    check() {},
    build(): Target {
      const t: { kind: "MASQUERADE"; toPorts?: PortRange; random?: true; randomFully?: true } = { kind: "MASQUERADE" };
      if (toPorts) t.toPorts = toPorts;
      if (flags.random) t.random = true;
      if (flags.randomFully) t.randomFully = true;
      return t;
    },
  };
}
