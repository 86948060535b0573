import { patchHost } from "../model/state";
import type { Walk } from "./context";

/** [MT4] Remember a smaller path MTU towards `dst` (the kernel's route exception). */
export function learnPmtu(w: Walk, hostName: string, dst: number, mtu: number): void {
  const host = w.host(hostName);
  if (host.pmtu[dst] !== undefined && host.pmtu[dst]! <= mtu) return;
  w.setHost(patchHost(host, { pmtu: { ...host.pmtu, [dst]: mtu } }));
}
