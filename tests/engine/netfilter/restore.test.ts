/** iptables-restore: blocks, flushing, --noflush resyncs, COMMIT checks, all-or-nothing. */
import { describe, expect, it } from "vitest";
import { apply, forgetParsedCommands } from "../../../engine/index";
import { fresh, out, refused, rulesOf, run } from "./helpers";

const restore = (flags: string, ...lines: string[]): string => `iptables-restore${flags ? ` ${flags}` : ""}\n${lines.join("\n")}\n`;

describe("iptables-restore", () => {
  const base = run(fresh(), "iptables -N KEEP", "iptables -A INPUT -j KEEP", "iptables -P FORWARD DROP", "iptables -t nat -A POSTROUTING -j MASQUERADE");

  it("[IPT15] without --noflush a block replaces its table: undeclared chains go, policies reset; other tables stay", () => {
    const s = run(base, restore("", "*filter", ":NEW - [0:0]", "-A INPUT -j NEW", "COMMIT"));
    expect(out(s, "iptables -S")).toBe("-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n-N NEW\n-A INPUT -j NEW\n");
    expect(rulesOf(s, "nat", "POSTROUTING")).toEqual(["-A POSTROUTING -j MASQUERADE"]);
  });

  it("[IPT15] with --noflush, :CHAIN flushes an existing user chain and sets a built-in's policy; '-' keeps it", () => {
    const s0 = run(base, "iptables -A KEEP -j ACCEPT");
    const s = run(s0, restore("--noflush", "*filter", ":KEEP - [0:0]", ":INPUT DROP [0:0]", ":FORWARD - [0:0]", "-A KEEP -j RETURN", "COMMIT"));
    expect(out(s, "iptables -S")).toBe("-P INPUT DROP\n-P FORWARD DROP\n-P OUTPUT ACCEPT\n-N KEEP\n-A INPUT -j KEEP\n-A KEEP -j RETURN\n");
  });

  it("[IPT2][IPT15] a block with only COMMIT deletes the table: iptables-save no longer lists it", () => {
    const s = run(base, restore("", "*filter", "COMMIT"));
    expect(out(s, "iptables-save")).not.toContain("*filter");
    expect(out(s, "iptables-save")).toContain("*nat");
  });

  it("[IPT15][SC1] an error in a block changes nothing in it; blocks COMMITted before it stay, carried by the refusal", () => {
    const r = refused(base, restore("", "*nat", "-A PREROUTING -j ACCEPT", "COMMIT", "*filter", "-A INPUT -j NOPE", "COMMIT"));
    expect(r.error).toBe("iptables-restore v1.8.9 (nf_tables): Chain 'NOPE' does not exist\nError occurred at line: 6\nTry `iptables-restore -h' or 'iptables-restore --help' for more information.");
    expect(r.state).toBeDefined();
    expect(rulesOf(r.state!, "nat", "PREROUTING")).toEqual(["-A PREROUTING -j ACCEPT"]);
    expect(rulesOf(r.state!, "filter", "INPUT")).toEqual(["-A INPUT -j KEEP"]);
    const first = refused(base, restore("", "*filter", "-A INPUT -j NOPE", "COMMIT"));
    expect("state" in first).toBe(false);
  });

  it("[IPT15] a jump to a chain declared after its line fails at COMMIT", () => {
    expect(refused(base, restore("", "*filter", "-A INPUT -j LATER", ":LATER - [0:0]", "COMMIT")).error).toContain("Chain 'LATER' does not exist\nError occurred at line: 4\n");
  });

  it("[IPT15][IPT6] a hook violation names the first line that made the table invalid", () => {
    const input = restore("", "*nat", "-A POSTROUTING -j MASQUERADE", "-N X", "-A X -j MASQUERADE", "-A PREROUTING -j X", "COMMIT");
    expect(refused(base, input).error).toBe("iptables-restore v1.8.9 (nf_tables): \nline 5: RULE_APPEND failed (Invalid argument): rule in chain PREROUTING");
  });

  it("[IPT14] line-level errors: a failing command, a line outside a table, a missing COMMIT", () => {
    expect(refused(base, restore("", "*filter", "-D INPUT -j DROP", "COMMIT")).error).toBe("iptables-restore: line 2 failed: Bad rule (does a matching rule exist in that chain?).");
    expect(refused(base, restore("", "-A INPUT -j ACCEPT", "COMMIT")).error).toBe("iptables-restore: line 1 failed");
    expect(refused(base, restore("", "*filter", "-A INPUT -j ACCEPT")).error).toBe("iptables-restore: COMMIT expected at line 3");
    expect(refused(base, restore("", "*filter", "-t nat -A INPUT -j ACCEPT", "COMMIT")).error).toContain("The -t option cannot be used in iptables-restore.\n\nError occurred at line: 2\n");
  });

  it("[IPT14] rule lines are split as iptables-restore splits them: double quotes group, single quotes do not", () => {
    const s = run(base, restore("--noflush", "*filter", '-A KEEP -m comment --comment "a;b|c$(d) e" -j ACCEPT', "COMMIT"));
    expect(rulesOf(s, "filter", "KEEP")).toEqual(['-A KEEP -m comment --comment "a;b|c$(d) e" -j ACCEPT']);
    expect(refused(base, restore("--noflush", "*filter", "-A KEEP -m comment --comment 'q r' -j ACCEPT", "COMMIT")).error).toContain("Bad argument `r''");
  });

  it("[IPT16] -c keeps the counters, -T restores one table, -t only checks", () => {
    const s = run(base, restore("-c", "*filter", ":INPUT ACCEPT [7:700]", "[5:300] -A INPUT -j ACCEPT", "COMMIT"));
    expect(out(s, "iptables-save -c -t filter")).toContain(":INPUT ACCEPT [7:700]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n[5:300] -A INPUT -j ACCEPT\n");
    const t = run(base, restore("-T nat", "*filter", "COMMIT", "*nat", "-A OUTPUT -j ACCEPT", "COMMIT"));
    expect(rulesOf(t, "filter", "INPUT")).toEqual(["-A INPUT -j KEEP"]);
    expect(rulesOf(t, "nat", "OUTPUT")).toEqual(["-A OUTPUT -j ACCEPT"]);
    const checked = apply(base, "h", restore("-t", "*filter", "COMMIT"));
    expect(checked.ok && checked.state).toBe(base);
  });

  it("[IPT14] a parsed input kept for reuse never changes a result: the same input with -T, -c or none, fresh or seen before", () => {
    const lines = ["*filter", ":INPUT ACCEPT [7:700]", "[5:300] -A INPUT -j ACCEPT", "COMMIT", "*nat", "-A OUTPUT -j ACCEPT", "COMMIT"];
    const save = (flags: string): string => out(run(base, restore(flags, ...lines)), "iptables-save -c");
    const fresh = ["", "-c", "-T nat", "-c -T filter", "--noflush"].map((flags) => {
      forgetParsedCommands();
      return save(flags);
    });
    // Seen before, in another order, and from another copy of the same text.
    const again = ["--noflush", "-c -T filter", "-T nat", "-c", ""].map(save).reverse();
    expect(again).toEqual(fresh);
    expect(new Set(fresh).size).toBe(5);
    expect(out(run(base, "iptables-restore"), "iptables-save")).toBe(out(base, "iptables-save"));
  });

  it("[IPT14] only iptables-restore reads standard input", () => {
    expect(refused(base, "iptables -L\n-A INPUT -j ACCEPT").error).toBe("iptables does not read standard input");
    expect(refused(base, "ip link\nfoo").error).toBe("ip does not read standard input");
  });
});
