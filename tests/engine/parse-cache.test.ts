/** Kept parses ([SC1] setup lines run again for every check): a hit gives what a fresh parse gives, and the caches stay bounded. */
import { describe, expect, it } from "vitest";
import { apply, createState, forgetParsedCommands, parseCommand } from "../../engine/index";
import { RecentParses } from "../../engine/cmd/recent";

describe("parse caches", () => {
  const lines = ["ip link add br0 type bridge", "ip addr add 10.0.0.1/24 dev br0", "iptables -t nat -A POSTROUTING -s 10.0.0.0/24 -j MASQUERADE", "ip route add 10.9.0.0/16 via 10.0.0.254", "ip lnk", "iptables -A INPUT --dport 80 -j ACCEPT"];

  it("a line parsed again, or from another copy of its text, gives the same result as a first parse, errors included", () => {
    forgetParsedCommands();
    const first = lines.map((l) => JSON.stringify(parseCommand(l)));
    const again = lines.map((l) => JSON.stringify(parseCommand([...l].join(""))));
    expect(again).toEqual(first);
    expect(first.filter((r) => r.startsWith('{"ok":false')).length).toBe(2);
  });

  it("applying the same lines with and without kept parses builds the same state", () => {
    const build = () => lines.reduce((s, l) => { const r = apply(s, "h", l); return r.ok ? r.state : s; }, createState([{ name: "h", role: "node" }]));
    forgetParsedCommands();
    const fresh = JSON.stringify(build());
    expect(JSON.stringify(build())).toBe(fresh);
  });

  it("keeps at most its limit, dropping the least recently used, and never keeps a text over its length bound", () => {
    const cache = new RecentParses<number>(2, 10);
    cache.keep("a", 1);
    cache.keep("b", 2);
    expect(cache.get("a")).toBe(1); // "a" is now the most recent
    cache.keep("c", 3);
    expect([cache.get("a"), cache.get("b"), cache.get("c")]).toEqual([1, undefined, 3]);
    expect(cache.keep("x".repeat(11), 4)).toBe(4);
    expect(cache.get("x".repeat(11))).toBeUndefined();
    cache.forget();
    expect(cache.get("a")).toBeUndefined();
  });
});
