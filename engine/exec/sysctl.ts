import type { SysctlCommand } from "../cmd/types";
import { patchHost, withHost } from "../model/state";
import type { DevConf, DevConfKey, Host, NetState, Sysctls } from "../model/types";
import { done, refuse, type ApplyResult } from "./outcome";

const CONF_KEYS: readonly DevConfKey[] = ["forwarding", "rp_filter", "proxy_arp", "route_localnet", "accept_local"];
const MAX: Record<DevConfKey, number> = { forwarding: 1, rp_filter: 2, proxy_arp: 0, route_localnet: 1, accept_local: 1 };
export const SUPPORTED_SYSCTLS =
  "net.ipv4.ip_forward, net.ipv4.conf.{all,default,DEV}.{forwarding,rp_filter,route_localnet,accept_local,proxy_arp}, net.bridge.bridge-nf-call-iptables, net.ipv4.icmp_ratelimit, net.ipv4.icmp_echo_ignore_all";

type Key =
  | { kind: "ip_forward" }
  | { kind: "conf"; dev: string; key: DevConfKey }
  | { kind: "nf_call" }
  | { kind: "ratelimit" }
  | { kind: "echo_ignore" };

/** sysctl accepts "/" or "." as separators; a device name with dots is written with "/" (flannel/1). */
function parseKey(raw: string, host: Host): Key | string {
  const key = raw.includes("/") && !raw.startsWith("net.") ? raw.replaceAll("/", ".") : raw;
  if (key === "net.ipv4.ip_forward") return { kind: "ip_forward" };
  if (key === "net.bridge.bridge-nf-call-iptables") return { kind: "nf_call" };
  if (key === "net.ipv4.icmp_ratelimit") return { kind: "ratelimit" };
  if (key === "net.ipv4.icmp_echo_ignore_all") return { kind: "echo_ignore" };
  const m = /^net\.ipv4\.conf\.([^.]+)\.([a-z_]+)$/.exec(key);
  if (m) {
    const dev = m[1]!.replaceAll("/", ".");
    const k = CONF_KEYS.find((c) => c === m[2]);
    if (dev !== "all" && dev !== "default" && !host.links.some((l) => l.name === dev)) return `sysctl: cannot stat /proc/sys/${key.replaceAll(".", "/")}: No such file or directory`;
    if (k) return { kind: "conf", dev, key: k };
  }
  if (REAL_UNMODELLED.test(key)) return `sysctl: "${raw}" is not modelled by PodPath (it models ${SUPPORTED_SYSCTLS})`;
  return `sysctl: cannot stat /proc/sys/${key.replaceAll(".", "/")}: No such file or directory`;
}

/** Keys Linux has that PodPath does not model: refused by name rather than "no such file". */
const REAL_UNMODELLED =
  /^net\.(ipv4\.(conf\.[^.]+\.(arp_ignore|arp_announce|arp_filter|arp_accept|send_redirects|accept_redirects|secure_redirects|log_martians|promote_secondaries|mc_forwarding|shared_media|bootp_relay|disable_policy|disable_xfrm|ignore_routes_with_linkdown|src_valid_mark|medium_id|tag|arp_notify|drop_gratuitous_arp|bc_forwarding)|tcp_[a-z_0-9]+|udp_[a-z_]+|icmp_[a-z_]+|ip_local_port_range|ip_default_ttl|ip_no_pmtu_disc|ping_group_range|fib_multipath_[a-z_]+|neigh\..+|route\..+|ip_nonlocal_bind|ip_forward_use_pmtu|ip_unprivileged_port_start)|bridge\.bridge-nf-[a-z-]+|core\..+|netfilter\..+|ipv6\..+)$/;

function read(s: Sysctls, k: Key): number {
  switch (k.kind) {
    case "ip_forward":
      return s.conf["all"]?.forwarding ?? 0;
    case "conf":
      return (s.conf[k.dev] ?? s.conf["default"])![k.key];
    case "nf_call":
      return s.bridgeNfCallIptables;
    case "ratelimit":
      return s.icmpRatelimit;
    case "echo_ignore":
      return s.icmpEchoIgnoreAll;
  }
}

/** [SY4] Writing ip_forward (or conf.all.forwarding) sets forwarding on "all", "default" and every device (inet_forward_change). */
function write(s: Sysctls, k: Key, v: number): Sysctls {
  const setConf = (names: readonly string[], key: DevConfKey): Sysctls => {
    const conf: Record<string, DevConf> = { ...s.conf };
    for (const n of names) conf[n] = { ...(conf[n] ?? conf["default"]!), [key]: v };
    return { ...s, conf };
  };
  switch (k.kind) {
    case "ip_forward":
      return setConf(Object.keys(s.conf), "forwarding");
    case "conf":
      return k.key === "forwarding" && k.dev === "all" ? setConf(Object.keys(s.conf), "forwarding") : setConf([k.dev], k.key);
    case "nf_call":
      return { ...s, bridgeNfCallIptables: v };
    case "ratelimit":
      return { ...s, icmpRatelimit: v };
    case "echo_ignore":
      return { ...s, icmpEchoIgnoreAll: v };
  }
}

function maxOf(k: Key): number {
  if (k.kind === "conf") return MAX[k.key];
  return k.kind === "ratelimit" ? 2 ** 31 - 1 : 1;
}

export function sysctlApply(state: NetState, host: Host, cmd: SysctlCommand): ApplyResult {
  if (cmd.type === "all") return done(state, listAll(host, cmd.valueOnly));
  if (cmd.type === "read") {
    const lines: string[] = [];
    for (const { key, column } of cmd.keys) {
      const k = parseKey(key, host);
      if (typeof k === "string") return refuse(k, column);
      lines.push(cmd.valueOnly ? `${read(host.sysctl, k)}` : `${key} = ${read(host.sysctl, k)}`);
    }
    return done(state, lines.join("\n") + "\n");
  }
  let sysctl = host.sysctl;
  const lines: string[] = [];
  for (const { key, value, column } of cmd.assignments) {
    const k = parseKey(key, host);
    if (typeof k === "string") return refuse(k, column);
    if (!/^[0-9]+$/.test(value.trim()) || Number(value) > maxOf(k)) {
      if (k.kind === "conf" && k.key === "proxy_arp" && value.trim() === "1") return refuse(`sysctl: PodPath does not model proxy ARP yet; "${key}" can only be 0`, column);
      return refuse(`sysctl: setting key "${key}": Invalid argument`, column);
    }
    sysctl = write(sysctl, k, Number(value));
    lines.push(`${key} = ${Number(value)}`);
  }
  return done(withHost(state, patchHost(host, { sysctl })), cmd.quiet ? "" : lines.join("\n") + "\n");
}

function listAll(host: Host, valueOnly: boolean): string {
  const s = host.sysctl;
  const rows: [string, number][] = [
    ["net.bridge.bridge-nf-call-iptables", s.bridgeNfCallIptables],
    ["net.ipv4.icmp_echo_ignore_all", s.icmpEchoIgnoreAll],
    ["net.ipv4.icmp_ratelimit", s.icmpRatelimit],
    ["net.ipv4.ip_forward", read(s, { kind: "ip_forward" })],
  ];
  for (const dev of Object.keys(s.conf).sort()) for (const key of CONF_KEYS) rows.push([`net.ipv4.conf.${dev.replaceAll(".", "/")}.${key}`, s.conf[dev]![key]]);
  rows.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return rows.map(([k, v]) => (valueOnly ? `${v}` : `${k} = ${v}`)).join("\n") + "\n";
}
