import type { NeighState } from "../model/types";
import { Cursor, matches } from "./cursor";
import type { IpCommand } from "./types";
import { invalidArg, readDevName, readMac, unsupported } from "./values";
import { parseIPv4 } from "../addr/ipv4";

const NUD: Record<string, NeighState> = {
  permanent: "PERMANENT",
  noarp: "NOARP",
  reachable: "REACHABLE",
  stale: "STALE",
  delay: "DELAY",
  probe: "PROBE",
  failed: "FAILED",
  incomplete: "INCOMPLETE",
};

/** `ip neighbour` (man ip-neighbour). */
export function parseIpNeigh(cur: Cursor): IpCommand {
  if (cur.done) return { type: "neigh-show" };
  const verb = cur.next();
  if (matches(verb, "add")) return modify(cur, "add");
  if (matches(verb, "change") || verb === "chg") return modify(cur, "change");
  if (matches(verb, "replace")) return modify(cur, "replace");
  if (matches(verb, "delete")) return modify(cur, "del");
  if (matches(verb, "show") || matches(verb, "list") || verb === "lst") return { type: "neigh-show", ...readDev(cur, false) };
  if (matches(verb, "flush")) return { type: "neigh-flush", ...readDev(cur, true) };
  cur.stop(`Command "${verb}" is unknown, try "ip neigh help".`);
}

function readDev(cur: Cursor, required: boolean): { dev?: string } {
  let dev: string | undefined;
  while (!cur.done) {
    const w = cur.next();
    if (w === "dev") dev = readDevName(cur);
    else if (w === "all" && required) return {};
    else if (["nud", "proxy", "to", "vrf", "nomaster"].includes(w)) unsupported(cur, w, "ip neigh show");
    else if (dev === undefined) dev = w;
    else cur.garbage(w);
  }
  if (required && dev === undefined) cur.stop("Flush requires arguments.");
  return dev === undefined ? {} : { dev };
}

function modify(cur: Cursor, op: "add" | "replace" | "change" | "del"): IpCommand {
  let address: number | undefined;
  let dev: string | undefined;
  let mac: string | undefined;
  let state: NeighState = "PERMANENT";
  while (!cur.done) {
    const w = cur.next();
    if (w === "lladdr") mac = readMac(cur);
    else if (w === "dev") dev = readDevName(cur);
    else if (w === "nud") {
      const s = cur.next();
      const nud = NUD[s];
      if (nud === undefined) invalidArg(cur, s, `nud state is bad`);
      state = nud;
    } else if (["proxy", "router", "extern_learn", "use", "managed", "protocol"].includes(w)) unsupported(cur, w, "ip neigh");
    else if (address === undefined) {
      const to = w === "to" ? cur.next() : w;
      const a = parseIPv4(to);
      if (a === undefined) cur.stop(`Error: inet address is expected rather than "${to}".`);
      address = a;
    } else cur.garbage(w, "to");
  }
  if (address === undefined || dev === undefined) cur.stop("Device and destination are required arguments.");
  return { type: "neigh-modify", op, address, dev, state, ...(mac !== undefined ? { mac } : {}) };
}
