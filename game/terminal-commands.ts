/**
 * Commands the play screen's terminal answers itself, without the engine or the server:
 * `help`, `clear`, `history` and `tcpdump` (which reads the last probe run, so it changes
 * nothing and is never logged). Everything else is a command line for the engine.
 */

export type ClientCommand =
  | { readonly kind: "help" }
  | { readonly kind: "clear" }
  | { readonly kind: "history" }
  | { readonly kind: "tcpdump"; readonly argv: readonly string[] }
  /** A line starting with `#`: a comment, as in a shell. */
  | { readonly kind: "comment" };

/** The client command a line is, or undefined when the engine should run it. */
export function clientCommand(line: string): ClientCommand | undefined {
  const trimmed = line.trim();
  if (trimmed.startsWith("#")) return { kind: "comment" };
  const words = trimmed.split(/\s+/);
  switch (words[0]) {
    case "help":
    case "?":
      return { kind: "help" };
    case "clear":
    case "reset":
      return { kind: "clear" };
    case "history":
      return { kind: "history" };
    case "tcpdump":
      return { kind: "tcpdump", argv: words.slice(1) };
    default:
      return undefined;
  }
}

/** A line that needs standard input before it can run: `iptables-restore` typed on its own. */
export function readsStdin(line: string): boolean {
  return /^\s*iptables-restore(\s+(-n|--noflush|-T|--test|-c|--counters|-w|--wait|-v|--verbose))*\s*$/.test(line) && !line.includes("\n");
}

export const HELP_LINES: readonly (readonly [string, string])[] = [
  ["ip addr|link|route|neigh ...", "addresses, links, routes and neighbours (ip -d link shows details)"],
  ["ip route get ADDR", "the route a packet to ADDR would take"],
  ["bridge fdb|link ...", "bridge and VXLAN forwarding entries, bridge ports"],
  ["sysctl [-w] KEY[=VALUE]", "net.ipv4.ip_forward, net.ipv4.conf.DEV.rp_filter, net.bridge.bridge-nf-call-iptables, ..."],
  ["iptables [-t TABLE] ...", "-A -I -D -R -C -N -X -F -Z -E -P -L -S, with -v -n --line-numbers"],
  ["iptables-save [-t TABLE] [-c]", "every rule as iptables-save prints it"],
  ["iptables-restore [--noflush]", "type or paste a ruleset: its lines, up to COMMIT, are the input"],
  ["conntrack -L | -F", "the connection tracking table, as the last probe run left it"],
  ["tcpdump [-i IFACE|any] [filter]", "what an interface saw in the last probe run (filter: tcp udp icmp host src dst port)"],
];

export function helpText(): string {
  const width = Math.max(...HELP_LINES.map(([c]) => c.length)) + 2;
  return [
    "PodPath runs these commands on this host, with the real tools' syntax, output and errors:",
    ...HELP_LINES.map(([c, what]) => `  ${c.padEnd(width)}${what}`),
    "",
    "Terminal: help, clear (Ctrl-L), history; Tab completes; Up/Down recall; Ctrl-C cancels.",
    "Probes (ping, curl, nc) are what the goals run: use the Trace panel to run and watch them.",
  ].join("\n");
}
