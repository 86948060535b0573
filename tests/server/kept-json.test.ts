/**
 * Replies encoded around kept JSON parts (server/play/kept-json.ts) are exactly JSON.stringify's
 * text, for every kind of reply a real play session gives; the kept text is invisible to
 * everything else.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ClientMessage, ServerReply } from "../../game/protocol";
import { openDatabase } from "../../server/db/open";
import { encodeReply } from "../../server/play/encoded-reply";
import { keepJson, objectJson } from "../../server/play/kept-json";
import { createPlayService } from "../../server/play/play-service";
import { tempDbFile } from "./harness";

const LEVEL = "svc-reach-service-b";
const SOLUTION = "iptables -t nat -A PREROUTING -d 10.96.0.20/32 -p tcp --dport 80 -j DNAT --to-destination 10.244.0.3:8080";

const open: (() => void)[] = [];
afterEach(() => {
  for (const close of open.splice(0).reverse()) close();
});

function session() {
  const temp = tempDbFile();
  const db = openDatabase(temp.file);
  open.push(temp.cleanup, () => db.close());
  const play = createPlayService({ orm: db.orm, seedFor: () => 0 });
  play.welcome("p1");
  return (message: ClientMessage): ServerReply => play.handleMessage("p1", message);
}

function attemptOf(reply: ServerReply) {
  if (!reply.ok || reply.type !== "attempt") throw new Error(JSON.stringify(reply));
  return reply.attempt;
}

describe("encodeReply", () => {
  it("gives JSON.stringify's very text for every kind of reply in a play session", () => {
    const send = session();
    const replies: ServerReply[] = [];
    const keep = (r: ServerReply) => (replies.push(r), r);
    const first = attemptOf(keep(send({ v: 1, type: "attempt.open", levelId: LEVEL })));
    const id = first.id;
    keep(send({ v: 1, type: "attempt.command", attemptId: id, seq: 1, host: "node1", line: "iptables -t nat -S" }));
    keep(send({ v: 1, type: "attempt.command", attemptId: id, seq: 2, host: "node1", line: "iptables -t nat -A PREROUTING -j ACCEPT" }));
    keep(send({ v: 1, type: "attempt.command", attemptId: id, seq: 2, host: "node1", line: "iptables -t nat -A PREROUTING -j ACCEPT" }));
    keep(send({ v: 1, type: "attempt.command", attemptId: id, seq: 3, host: "node1", line: "ip route frobnicate" }));
    keep(send({ v: 1, type: "attempt.undo", attemptId: id }));
    keep(send({ v: 1, type: "attempt.hint", attemptId: id }));
    keep(send({ v: 1, type: "attempt.command", attemptId: id, seq: 4, host: "node1", line: SOLUTION }));
    keep(send({ v: 1, type: "attempt.open", levelId: LEVEL }));
    keep(send({ v: 1, type: "attempt.hint", attemptId: id }));
    keep(send({ v: 1, type: "attempt.hint", attemptId: id }));
    keep(send({ v: 1, type: "attempt.solution", attemptId: id }));
    keep(send({ v: 1, type: "player.nickname", nickname: "<b>Ana</b> \"quoted\" \u2028" }));
    keep(send({ v: 1, type: "attempt.undo", attemptId: "no-such-attempt" }));
    const reset = attemptOf(keep(send({ v: 1, type: "attempt.reset", attemptId: id })));
    keep(send({ v: 1, type: "attempt.open", levelId: LEVEL }));
    expect(new Set(replies.map((r) => (r.ok ? r.type : "error")))).toEqual(new Set(["attempt", "command", "undo", "hint", "solution", "nickname", "error"]));
    for (const reply of replies) expect(encodeReply(reply).json).toBe(JSON.stringify(reply));
    // The views share their level parts, each as the row shows it: the hint shown is in the second, not in the reset's.
    expect(reset.level.hints).toEqual([]);
    expect(attemptOf(replies[8]!).level.hints).toHaveLength(1);
    expect(reset.base).toBe(first.base);
  });

  it("keeps its text where nothing else sees it", () => {
    const value = { b: 1, a: [1, { c: "x" }], u: undefined };
    const before = JSON.stringify(value);
    expect(keepJson(value)).toBe(before);
    expect(Object.keys(value)).toEqual(["b", "a", "u"]);
    expect(JSON.stringify(value)).toBe(before);
    expect(structuredClone(value)).toEqual(value);
    expect({ ...value }).toEqual(value);
    // Members in Object.keys order, undefined ones left out, nested objects encoded one level down.
    const reply = { ok: true, type: "x", attempt: { z: 1, kept: value, gone: undefined }, n: null };
    expect(objectJson(reply, ["attempt"])).toBe(JSON.stringify(reply));
  });
});
