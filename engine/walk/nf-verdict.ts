/** What happens to a packet netfilter refused: a trace drop, and for REJECT the answer it sends. */
import type { HookResult } from "../netfilter/hooks";
import type { RejectWith } from "../netfilter/types";
import type { Walk } from "./context";
import { ICMP } from "./packet";
import { sendFromHost, sendIcmpError } from "./ip-output";

const REJECT_CODE: Record<Exclude<RejectWith, "tcp-reset">, number> = {
  "icmp-net-unreachable": ICMP.NET_UNREACH,
  "icmp-host-unreachable": ICMP.HOST_UNREACH,
  "icmp-port-unreachable": ICMP.PORT_UNREACH,
  "icmp-proto-unreachable": 2,
  "icmp-net-prohibited": 9,
  "icmp-host-prohibited": 10,
  "icmp-admin-prohibited": ICMP.PKT_FILTERED,
};

/**
 * [NF6] DROP loses the packet silently. REJECT answers it: --reject-with tcp-reset sends a RST
 * from the packet's destination (nf_send_reset), the icmp-* kinds send that ICMP error
 * (nf_send_unreach); a TCP RST is only sent for TCP packets.
 */
export function refused(w: Walk, hostName: string, r: Extract<HookResult, { ok: false }>, dev?: string): void {
  const pkt = r.pkt;
  w.drop(hostName, pkt, "NETFILTER_DROP", r.detail, dev);
  if (r.reject === undefined) return;
  if (r.reject === "tcp-reset") {
    if (pkt.proto !== "tcp" || pkt.tcp === "RST") return;
    return sendFromHost(w, hostName, { dst: pkt.src, proto: "tcp", sport: pkt.dport!, dport: pkt.sport!, tcp: "RST", size: 40, df: true }, pkt.dst, true);
  }
  sendIcmpError(w, hostName, pkt, ICMP.DEST_UNREACH, REJECT_CODE[r.reject]);
}
