/** A trace as text, one step per line: what `podpath scenario trace` prints and the judge quotes. */
import { formatIPv4 } from "../addr/ipv4";
import { ICMP, type Packet } from "./packet";
import type { TraceEvent } from "./trace";

export function packetText(p: Packet): string {
  const ip = formatIPv4;
  if (p.proto === "icmp") {
    const t = p.icmp?.type;
    const what = t === ICMP.ECHO_REQUEST ? "echo request" : t === ICMP.ECHO_REPLY ? "echo reply" : `icmp ${t}/${p.icmp?.code}`;
    return `ICMP ${ip(p.src)} > ${ip(p.dst)} ${what}${p.icmp?.id !== undefined ? ` id ${p.icmp.id}` : ""}, length ${p.size}`;
  }
  const flags = p.proto === "tcp" ? ` [${p.tcp ?? "ACK"}]` : "";
  return `${p.proto.toUpperCase()} ${ip(p.src)}:${p.sport} > ${ip(p.dst)}:${p.dport}${flags}`;
}

export function eventText(e: TraceEvent): string {
  const at = `${e.host}`;
  switch (e.step) {
    case "send":
      return `${at}: send ${packetText(e.pkt)}`;
    case "route": {
      const dst = formatIPv4(e.pkt.dst);
      if (e.decision === "local") return `${at}: route: ${dst} is local (in on ${e.dev})`;
      const via = e.via !== undefined ? ` via ${formatIPv4(e.via)}` : "";
      const src = e.src !== undefined ? ` src ${formatIPv4(e.src)}` : "";
      return `${at}: route ${e.decision}: ${dst}${via} dev ${e.dev}${src}`;
    }
    case "neigh":
      return `${at}: neigh ${formatIPv4(e.ip)} dev ${e.dev}: ${e.state}${e.mac ? ` lladdr ${e.mac}` : ""}`;
    case "tx":
      return `${at}: ${e.dev} -> ${e.toHost}:${e.toDev} ${packetText(e.pkt)}`;
    case "bridge":
      return `${at}: bridge ${e.bridge}${e.inPort ? ` in ${e.inPort}` : ""}: ${e.action}${e.outPorts.length ? ` -> ${e.outPorts.join(", ")}` : ""}`;
    case "forward":
      return `${at}: forward ${e.inDev} -> ${e.outDev}, ttl ${e.pkt.ttl}`;
    case "deliver":
      return `${at}: deliver ${packetText(e.pkt)} to ${e.socket}`;
    case "icmp-error":
      return `${at}: send ICMP "${e.text}" to ${formatIPv4(e.about.src)}`;
    case "drop":
      return `${at}: DROP${e.dev ? ` on ${e.dev}` : ""} (${e.reason}): ${e.detail}`;
    case "local-error":
      return `${at}: ${e.detail}`;
    case "nf": {
      const where = e.rule !== undefined ? `rule ${e.rule}` : "end of chain";
      const walked = e.evaluated > 1 ? `, ${e.evaluated} rules evaluated` : "";
      return `${at}: ${e.hook} ${e.table}/${e.chain} ${where}: -j ${e.target}${walked}`;
    }
    case "vxlan":
      return e.action === "encap"
        ? `${at}: ${e.dev} encapsulates [${packetText(e.inner)}] in UDP ${formatIPv4(e.outer.src)}:${e.outer.sport} > ${formatIPv4(e.outer.dst)}:${e.outer.dport}, VNI ${e.vni}`
        : `${at}: ${e.dev} decapsulates VNI ${e.vni} from ${formatIPv4(e.outer.src)}: [${packetText(e.inner)}]`;
    case "ct":
      return `${at}: conntrack ${e.state} (${e.dir}${e.isNew ? ", new entry" : ""})`;
    case "nat":
      return `${at}: ${e.kind} ${formatIPv4(e.before.src)}:${e.before.sport ?? ""} > ${formatIPv4(e.before.dst)}:${e.before.dport ?? ""} becomes ${formatIPv4(e.after.src)}:${e.after.sport ?? ""} > ${formatIPv4(e.after.dst)}:${e.after.dport ?? ""}`;
  }
}

export function traceText(events: readonly TraceEvent[]): string {
  return events.map(eventText).join("\n") + (events.length ? "\n" : "");
}
