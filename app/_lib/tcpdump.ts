/**
 * `tcpdump` over the last probe run: what an interface saw, read off the traces (a veth `tx`
 * is seen leaving one end and arriving at the other; a bridge sees what its own stack sends
 * and receives; a VTEP sees the inner packets it wraps and unwraps), printed the way
 * tcpdump -n prints IPv4 (tcpdump's print-tcp.c, print-udp.c, print-icmp.c, print-otv.c).
 */
import { formatIPv4, parseIPv4 } from "@/engine/addr/ipv4";
import type { Host } from "@/engine/model/types";
import { ICMP, type Packet } from "@/engine/walk/packet";
import type { TraceEvent } from "@/engine/walk/trace";

export interface Capture {
  readonly host: string;
  readonly dev: string;
  readonly dir: "In" | "Out";
  readonly pkt: Packet;
  /** Which probe of the run, and which step of its trace: the synthetic timestamp. */
  readonly probe: number;
  readonly step: number;
}

export function capturesFrom(traces: readonly (readonly TraceEvent[])[]): Capture[] {
  const out: Capture[] = [];
  traces.forEach((trace, probe) =>
    trace.forEach((e, step) => {
      const at = (host: string, dev: string, dir: "In" | "Out", pkt: Packet) => out.push({ host, dev, dir, pkt, probe, step });
      switch (e.step) {
        case "tx":
          at(e.host, e.dev, "Out", e.pkt);
          at(e.toHost, e.toDev, "In", e.pkt);
          break;
        case "bridge":
          if (e.inPort === undefined) at(e.host, e.bridge, "Out", e.pkt);
          else if (e.action === "local") at(e.host, e.bridge, "In", e.pkt);
          break;
        case "vxlan":
          at(e.host, e.dev, e.action === "encap" ? "Out" : "In", e.inner);
          break;
        default:
          break;
      }
    }),
  );
  return out;
}

const ip = formatIPv4;

function tcpText(p: Packet): string {
  switch (p.tcp) {
    case "SYN":
      return "Flags [S], seq 1000, win 64240, length 0";
    case "SYN-ACK":
      return "Flags [S.], seq 2000, ack 1001, win 65160, length 0";
    case "RST":
      return "Flags [R.], seq 0, ack 1001, win 0, length 0";
    default:
      return "Flags [.], ack 1, win 502, length 0";
  }
}

function icmpText(p: Packet): string {
  const t = p.icmp?.type;
  const c = p.icmp?.code ?? 0;
  const len = Math.max(0, p.size - 20);
  if (t === ICMP.ECHO_REQUEST || t === ICMP.ECHO_REPLY) return `ICMP echo ${t === ICMP.ECHO_REQUEST ? "request" : "reply"}, id ${p.icmp?.id ?? 0}, seq 1, length ${len}`;
  const inner = p.icmp?.inner;
  if (t === ICMP.DEST_UNREACH) {
    const dst = inner ? ip(inner.dst) : "?";
    const what =
      c === ICMP.NET_UNREACH
        ? `net ${dst} unreachable`
        : c === ICMP.HOST_UNREACH
          ? `host ${dst} unreachable`
          : c === ICMP.PORT_UNREACH
            ? `${dst} ${inner?.proto ?? "udp"} port ${inner?.dport ?? 0} unreachable`
            : c === ICMP.FRAG_NEEDED
              ? `${dst} unreachable - need to frag (mtu ${p.icmp?.mtu ?? 0})`
              : c === ICMP.PKT_FILTERED
                ? `host ${dst} unreachable - admin prohibited filter`
                : c === 9 || c === 10
                  ? `${c === 9 ? "net" : "host"} ${dst} unreachable - admin prohibited`
                  : `${dst} unreachable (code ${c})`;
    return `ICMP ${what}, length ${len}`;
  }
  if (t === ICMP.TIME_EXCEEDED) return `ICMP time exceeded in-transit, length ${len}`;
  return `ICMP type ${t} code ${c}, length ${len}`;
}

/** One packet as tcpdump -n prints it after the timestamp (a VXLAN packet also shows its payload). */
export function packetLine(p: Packet): string {
  const frag = p.fragment !== undefined ? ` (frag ${p.fragment})` : "";
  if (p.proto === "icmp") return `IP ${ip(p.src)} > ${ip(p.dst)}: ${icmpText(p)}${frag}`;
  const head = `IP ${ip(p.src)}.${p.sport ?? 0} > ${ip(p.dst)}.${p.dport ?? 0}: `;
  if (p.proto === "tcp") return head + tcpText(p) + frag;
  if (p.encap) {
    const inner = p.encap.frame.kind === "ip" ? packetLine(p.encap.frame.packet) : `ARP, ${p.encap.frame.op}`;
    const overlay = p.dport === 8472 ? `OTV, flags [I] (0x08), overlay 0, instance ${p.encap.vni}` : `VXLAN, flags [I] (0x08), vni ${p.encap.vni}`;
    return `${head}${overlay}\n${inner}`;
  }
  return `${head}UDP, length ${Math.max(0, p.size - 28)}${frag}`;
}

export function timestamp(probe: number, step: number): string {
  const seconds = 1 + probe;
  const micros = 100 * (step + 1);
  return `10:00:${String(seconds % 60).padStart(2, "0")}.${String(micros).padStart(6, "0")}`;
}

/** A tiny capture filter: `tcp`, `udp`, `icmp`, `host A`, `src A`, `dst A`, `port N`, joined by `and`. */
type Term = { kind: "proto"; proto: Packet["proto"] } | { kind: "host" | "src" | "dst"; addr: number } | { kind: "port"; port: number };

export function parseFilter(words: readonly string[]): Term[] | string {
  const terms: Term[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === "and" || w === "&&") continue;
    if (w === "tcp" || w === "udp" || w === "icmp") {
      terms.push({ kind: "proto", proto: w });
      continue;
    }
    if (w === "host" || w === "src" || w === "dst") {
      const value = words[i + 1] === "host" ? words[(i += 1) + 1] : words[i + 1];
      const addr = value !== undefined ? parseIPv4(value) : undefined;
      if (addr === undefined) return `tcpdump: syntax error in filter expression: ${w} needs an IPv4 address`;
      terms.push({ kind: w, addr });
      i++;
      continue;
    }
    if (w === "port") {
      const port = Number(words[i + 1]);
      if (!Number.isInteger(port) || port < 0 || port > 65535) return "tcpdump: syntax error in filter expression: port needs a number";
      terms.push({ kind: "port", port });
      i++;
      continue;
    }
    return `tcpdump: syntax error in filter expression near "${w}" (PodPath's tcpdump knows tcp, udp, icmp, host, src, dst, port and "and")`;
  }
  return terms;
}

function matches(p: Packet, terms: readonly Term[]): boolean {
  return terms.every((t) => {
    switch (t.kind) {
      case "proto":
        return p.proto === t.proto;
      case "host":
        return p.src === t.addr || p.dst === t.addr;
      case "src":
        return p.src === t.addr;
      case "dst":
        return p.dst === t.addr;
      case "port":
        return p.sport === t.port || p.dport === t.port;
    }
  });
}

export type TcpdumpResult = { readonly ok: true; readonly output: string } | { readonly ok: false; readonly error: string };

/** `tcpdump [-n] [-e] [-v] [-c N] [-i IFACE|any] [filter]` on a host, over the captures of the last probe run. */
export function tcpdump(argv: readonly string[], host: Host, captures: readonly Capture[], ran: boolean): TcpdumpResult {
  let iface: string | undefined;
  let count: number | undefined;
  const filter: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "-i" || a === "--interface") iface = argv[++i];
    else if (a.startsWith("-i") && a.length > 2) iface = a.slice(2);
    else if (a === "-c") count = Number(argv[++i]);
    else if (/^-(n|nn|e|v|vv|vvv|l|q|t|tt|S|nne|nnv|env|nnvv)$/.test(a)) continue;
    else if (a.startsWith("-")) return { ok: false, error: `tcpdump: option ${a} is not supported by PodPath (it knows -i, -c, -n, -e, -v)` };
    else filter.push(a);
  }
  if (count !== undefined && (!Number.isInteger(count) || count < 1)) return { ok: false, error: "tcpdump: invalid packet count" };
  const terms = parseFilter(filter);
  if (typeof terms === "string") return { ok: false, error: terms };
  const any = iface === "any";
  const dev = iface ?? host.links.find((l) => l.kind !== "loopback" && l.up)?.name ?? "lo";
  if (!any) {
    const link = host.links.find((l) => l.name === dev);
    if (!link) return { ok: false, error: `tcpdump: ${dev}: No such device exists\n(No such device exists)` };
    if (!link.up) return { ok: false, error: `tcpdump: ${dev}: That device is not up` };
  }
  const seen = captures.filter((c) => c.host === host.name && (any || c.dev === dev) && matches(c.pkt, terms)).slice(0, count);
  const head = [
    "tcpdump: verbose output suppressed, use -v[v]... for full protocol decode",
    any ? "listening on any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes" : `listening on ${dev}, link-type EN10MB (Ethernet), snapshot length 262144 bytes`,
  ];
  const lines = seen.map((c) => `${timestamp(c.probe, c.step)} ${any ? `${c.dev.padEnd(6)} ${c.dir.padEnd(3)} ` : ""}${packetLine(c.pkt)}`);
  const note = ran ? [] : ["(no probe has run yet: run the probes, then tcpdump shows what this interface saw)"];
  const n = seen.length;
  const tail = [`${n} packet${n === 1 ? "" : "s"} captured`, `${n} packet${n === 1 ? "" : "s"} received by filter`, "0 packets dropped by kernel"];
  return { ok: true, output: [...head, ...lines, ...note, "", ...tail].join("\n") };
}
