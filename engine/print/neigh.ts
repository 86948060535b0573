import { formatIPv4 } from "../addr/ipv4";
import { linkByIndex } from "../model/state";
import type { Host } from "../model/types";

/** `ip neigh`: `ADDR dev DEV lladdr MAC STATE` (INCOMPLETE and FAILED entries have no lladdr). */
export function printNeigh(host: Host, dev?: string): string {
  const lines: string[] = [];
  for (const n of [...host.neigh].reverse()) {
    const name = linkByIndex(host, n.ifindex)?.name ?? "?";
    if (dev !== undefined && name !== dev) continue;
    const devPart = dev === undefined ? ` dev ${name}` : "";
    const mac = n.mac !== undefined && n.state !== "FAILED" && n.state !== "INCOMPLETE" ? ` lladdr ${n.mac}` : "";
    lines.push(`${formatIPv4(n.address)}${devPart}${mac} ${n.state} `);
  }
  return lines.length ? lines.join("\n") + "\n" : "";
}
