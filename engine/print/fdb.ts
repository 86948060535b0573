import { formatIPv4 } from "../addr/ipv4";
import { linkByIndex } from "../model/state";
import type { Host, NetState } from "../model/types";

/**
 * `bridge fdb show`: per device in ifindex order, what the bridge learned on the port, then the
 * port's own MAC (local, permanent); VXLAN entries as `MAC dev VTEP dst IP self permanent`.
 * Ageing uses the simulated clock: an entry older than ageing_time is gone.
 */
export function printFdb(state: NetState, host: Host, dev?: string, br?: string): string {
  const lines: string[] = [];
  for (const link of host.links) {
    if (dev !== undefined && link.name !== dev) continue;
    const bridge = link.master !== undefined ? linkByIndex(host, link.master) : undefined;
    if (br !== undefined && bridge?.name !== br && !(link.kind === "bridge" && link.name === br)) continue;
    if (bridge?.kind === "bridge") {
      for (const f of host.fdb) {
        if (f.kind !== "bridge" || f.port !== link.ifindex) continue;
        if (f.state === "learned" && state.now - f.updated > bridge.ageingTime) continue;
        lines.push(`${f.mac} dev ${link.name} master ${bridge.name} ${f.state === "learned" ? "" : f.state}`);
      }
      lines.push(`${link.mac} dev ${link.name} master ${bridge.name} permanent`);
    }
    if (link.kind === "bridge" && link.macSet) lines.push(`${link.mac} dev ${link.name} master ${link.name} permanent`);
    for (const f of host.fdb) {
      if (f.kind === "vxlan" && f.dev === link.ifindex) lines.push(`${f.mac} dev ${link.name} dst ${formatIPv4(f.dst)} self ${f.permanent ? "permanent" : ""}`.trimEnd());
    }
  }
  return lines.length ? lines.join("\n") + "\n" : "";
}
