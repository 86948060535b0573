/** Local delivery: listening sockets answer, the probing socket collects its result. */
import { formatIPv4 } from "../addr/ipv4";
import type { Link } from "../model/types";
import type { ClientSocket, Walk } from "./context";
import { ICMP, type Packet } from "./packet";
import { icmpErrorText, sendFromHost, sendIcmpError } from "./ip-output";
import { vxlanRcv } from "./vxlan";
import { learnPmtu } from "./pmtu";

/** Does `pkt`, arriving at `host`, answer the probing socket (the kernel's 4-tuple socket lookup)? */
function answersClient(sock: ClientSocket | undefined, host: string, pkt: Packet): sock is ClientSocket {
  if (!sock || sock.host !== host || pkt.proto !== sock.proto) return false;
  if (pkt.src !== sock.dst || pkt.dst !== sock.src) return false;
  if (pkt.proto === "icmp") return pkt.icmp?.id === sock.icmpId;
  return pkt.sport === sock.dport && pkt.dport === sock.sport;
}

/** Is `inner` (quoted in an ICMP error) a packet the probing socket sent? */
function quotesClient(sock: ClientSocket | undefined, host: string, inner: Packet | undefined): sock is ClientSocket {
  if (!sock || !inner || sock.host !== host || inner.proto !== sock.proto) return false;
  if (inner.src !== sock.src || inner.dst !== sock.dst) return false;
  if (inner.proto === "icmp") return inner.icmp?.id === sock.icmpId;
  return inner.sport === sock.sport && inner.dport === sock.dport;
}

function listens(w: Walk, host: string, proto: "tcp" | "udp", port: number | undefined): boolean {
  for (const l of w.host(host).listeners) if (l.proto === proto && l.port === port) return true;
  return false;
}

/**
 * [EP1] TCP: a SYN to a listening port is answered with SYN-ACK from the address it was sent
 * to; to a closed port with RST. [EP2] UDP: a listener answers from the address routing picks
 * (an unconnected socket bound to 0.0.0.0); a closed port answers ICMP port unreachable.
 * [EP3] ICMP echo requests to a local address are answered from that address, without DF
 * (the kernel's ICMP socket uses IP_PMTUDISC_DONT).
 */
export function localDeliver(w: Walk, hostName: string, link: Link, pkt: Packet): void {
  const sock = w.client;
  if (pkt.proto === "icmp") return icmpDeliver(w, hostName, pkt);
  if (answersClient(sock, hostName, pkt)) {
    w.emit({ step: "deliver", host: hostName, pkt, socket: `${sock.proto} ${formatIPv4(sock.src)}:${sock.sport} (the probe)` });
    if (pkt.tcp === "RST") w.result = { result: "refused", detail: "connect: Connection refused" };
    else if (w.seen) w.result = { result: pkt.proto === "tcp" ? "connected" : "udp-reply", seen: w.seen };
    return;
  }
  const proto = pkt.proto;
  if (proto === "udp" && vxlanRcv(w, hostName, pkt)) return;
  if (proto === "tcp" && pkt.tcp !== "SYN") return w.drop(hostName, pkt, "SOCKET_MISMATCH", `no socket for ${formatIPv4(pkt.dst)}:${pkt.dport} from ${formatIPv4(pkt.src)}:${pkt.sport}; the kernel answers with RST`, link.name);
  if (!listens(w, hostName, proto, pkt.dport)) {
    w.drop(hostName, pkt, "NO_SOCKET", `nothing listens on ${proto}/${pkt.dport} in ${hostName}`, link.name);
    if (proto === "tcp") return sendFromHost(w, hostName, { dst: pkt.src, proto: "tcp", sport: pkt.dport!, dport: pkt.sport!, tcp: "RST", size: 40, df: true }, pkt.dst);
    return sendIcmpError(w, hostName, pkt, ICMP.DEST_UNREACH, ICMP.PORT_UNREACH);
  }
  w.emit({ step: "deliver", host: hostName, pkt, socket: `${proto} *:${pkt.dport} (listening)` });
  w.seen = { server: hostName, seenSrc: pkt.src, seenDst: pkt.dst, seenPort: pkt.dport! };
  if (proto === "tcp") return sendFromHost(w, hostName, { dst: pkt.src, proto, sport: pkt.dport!, dport: pkt.sport!, tcp: "SYN-ACK", size: 60, df: true }, pkt.dst);
  sendFromHost(w, hostName, { dst: pkt.src, proto, sport: pkt.dport!, dport: pkt.sport!, size: pkt.size, df: true });
}

/** Destination-unreachable codes icmp_err_convert marks fatal: protocol, port, unknown, prohibited, filtered. */
const FATAL_UNREACH = new Set([2, 3, 6, 7, 8, 9, 10, 13, 14, 15]);

/**
 * [EP4] ICMP errors reach the probing socket: ping (IP_RECVERR) reports them all; TCP in
 * SYN_SENT aborts on any of them; a UDP socket only on hard errors (port unreachable,
 * filtered...), and ignores host/net unreachable and time exceeded (__udp4_lib_err).
 */
function icmpDeliver(w: Walk, hostName: string, pkt: Packet): void {
  const icmp = pkt.icmp!;
  const sock = w.client;
  if (icmp.type === ICMP.ECHO_REQUEST) {
    if (w.host(hostName).sysctl.icmpEchoIgnoreAll) return w.drop(hostName, pkt, "NO_SOCKET", "icmp_echo_ignore_all=1");
    w.emit({ step: "deliver", host: hostName, pkt, socket: "icmp echo (kernel)" });
    return sendFromHost(w, hostName, { dst: pkt.src, proto: "icmp", icmp: { type: ICMP.ECHO_REPLY, code: 0, id: icmp.id! }, size: pkt.size, df: false }, pkt.dst);
  }
  if (icmp.type === ICMP.ECHO_REPLY) {
    if (!answersClient(sock, hostName, pkt)) return w.drop(hostName, pkt, "SOCKET_MISMATCH", `echo reply from ${formatIPv4(pkt.src)} matches no ping`);
    w.emit({ step: "deliver", host: hostName, pkt, socket: "ping (the probe)" });
    w.result = { result: "echo-reply", replyFrom: pkt.src };
    return;
  }
  if (icmp.type === ICMP.DEST_UNREACH && icmp.code === ICMP.FRAG_NEEDED && icmp.inner && icmp.mtu) learnPmtu(w, hostName, icmp.inner.dst, icmp.mtu);
  if (!quotesClient(sock, hostName, icmp.inner)) return w.drop(hostName, pkt, "SOCKET_MISMATCH", `ICMP error from ${formatIPv4(pkt.src)} is about no socket here`);
  const text0 = icmpErrorText(icmp.type, icmp.code, icmp.mtu);
  if (sock.proto === "udp" && !(icmp.type === ICMP.DEST_UNREACH && FATAL_UNREACH.has(icmp.code))) {
    return w.drop(hostName, pkt, "SOCKET_MISMATCH", `"${text0}" is not a hard error for a UDP socket: it is ignored (icmp_err_convert fatal=0, no IP_RECVERR)`);
  }
  w.emit({ step: "deliver", host: hostName, pkt, socket: "the probe's error queue" });
  const text = `From ${formatIPv4(pkt.src)}: ${icmpErrorText(icmp.type, icmp.code, icmp.mtu)}`;
  const refused = icmp.type === ICMP.DEST_UNREACH && icmp.code === ICMP.PORT_UNREACH;
  w.result = { result: refused ? "refused" : "unreachable", detail: text };
}
