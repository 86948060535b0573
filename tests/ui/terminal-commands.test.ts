import { describe, expect, it } from "vitest";
import { clientCommand, helpText, readsStdin } from "../../game/terminal-commands";
import { parseCommand } from "../../engine/cmd/parse";

describe("commands the terminal answers itself", () => {
  it("recognises help, clear, history, tcpdump and comments, and nothing else", () => {
    expect(clientCommand("help")).toEqual({ kind: "help" });
    expect(clientCommand("  clear ")).toEqual({ kind: "clear" });
    expect(clientCommand("history")).toEqual({ kind: "history" });
    expect(clientCommand("tcpdump -i eth0 port 80")).toEqual({ kind: "tcpdump", argv: ["-i", "eth0", "port", "80"] });
    expect(clientCommand("# a note")).toEqual({ kind: "comment" });
    expect(clientCommand("ip route")).toBeUndefined();
    expect(clientCommand("iptables -L")).toBeUndefined();
  });

  it("knows when iptables-restore typed alone waits for its input", () => {
    expect(readsStdin("iptables-restore")).toBe(true);
    expect(readsStdin("iptables-restore --noflush")).toBe(true);
    expect(readsStdin("iptables-restore -n\n*nat\nCOMMIT")).toBe(false);
    expect(readsStdin("iptables-save")).toBe(false);
  });

  it("lists only commands the engine (or the terminal) runs", () => {
    const text = helpText();
    for (const cmd of ["ip", "bridge", "sysctl", "iptables", "iptables-save", "iptables-restore", "conntrack", "tcpdump"]) expect(text).toContain(`  ${cmd}`);
    for (const example of ["ip route get 10.0.0.1", "bridge fdb show", "sysctl net.ipv4.ip_forward", "iptables -S", "iptables-save -c", "conntrack -L"]) expect(parseCommand(example).ok).toBe(true);
  });
});
