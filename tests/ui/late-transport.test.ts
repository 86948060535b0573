/** The play screen's transport before its socket exists (app/_lib/late-transport.ts). */
import { describe, expect, it } from "vitest";
import { lateTransport } from "../../app/_lib/late-transport";
import type { ClientMessage, ServerReply } from "../../game/protocol";

const hint = (attemptId: string): ClientMessage => ({ v: 1, type: "attempt.hint", attemptId });
const settle = () => new Promise((r) => setTimeout(r, 0));

function socketNamed(name: string, seen: string[]) {
  return async (m: ClientMessage): Promise<ServerReply> => (seen.push(`${name}:${"attemptId" in m ? m.attemptId : m.type}`), { ok: false, error: name });
}

describe("late transport", () => {
  it("holds requests made before a socket is bound, then sends them in order through it", async () => {
    const seen: string[] = [];
    const link = lateTransport();
    const first = link.transport(hint("a"));
    const second = link.transport(hint("b"));
    await settle();
    expect(seen).toEqual([]);
    link.bind(socketNamed("s1", seen));
    expect(await first).toEqual({ ok: false, error: "s1" });
    expect(await second).toEqual({ ok: false, error: "s1" });
    expect(seen).toEqual(["s1:a", "s1:b"]);
  });

  it("after unbinding, waits for the next socket instead of using the old one", async () => {
    const seen: string[] = [];
    const link = lateTransport();
    link.bind(socketNamed("s1", seen));
    await link.transport(hint("a"));
    link.bind(undefined);
    const later = link.transport(hint("b"));
    await settle();
    expect(seen).toEqual(["s1:a"]);
    link.bind(socketNamed("s2", seen));
    expect(await later).toEqual({ ok: false, error: "s2" });
    expect(seen).toEqual(["s1:a", "s2:b"]);
  });
});
