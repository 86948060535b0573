import { describe, expect, it } from "vitest";
import * as parser from "socket.io-parser";
import { ackFacts, LoadDecoder, UnreadAck } from "../../bench/ack-reader";
import { solutionLinesOf } from "../../bench/solution-lines";
import type { ServerReply } from "../../game/protocol";
import { encodeReply } from "../../server/play/encoded-reply";
import { replyParser } from "../../server/play/reply-parser";
import { LEVEL, playReplies } from "./play-replies";

/** The text the server puts on the wire for an ack of `reply` (its own encoder), decoded by the load process's decoder. */
function throughTheWire(reply: ServerReply, id = 17): parser.Packet {
  const [text] = new replyParser.Encoder().encode({ type: parser.PacketType.ACK, nsp: "/", id, data: [encodeReply(reply)] }) as [string];
  return decode(text);
}

function decode(text: string): parser.Packet {
  const decoder = new LoadDecoder();
  let packet: parser.Packet | undefined;
  decoder.on("decoded", (p: parser.Packet) => (packet = p));
  decoder.add(text);
  return packet!;
}

/** The facts, read from the reply parsed whole. */
function expected(reply: ServerReply) {
  const r = JSON.parse(JSON.stringify(reply));
  return {
    ok: r.ok,
    ...(r.error !== undefined ? { error: r.error } : {}),
    ...(r.attempt ? { attemptId: r.attempt.id, seed: r.attempt.seed } : {}),
    ...(r.verdict ? { solved: r.verdict.solved } : {}),
  };
}

describe("bench: the load process reads only the facts it uses from each ack", () => {
  const { opened, commands } = playReplies(4242, solutionLinesOf(LEVEL));

  it("reads the same facts from the server's real replies as from the replies parsed whole", () => {
    expect(commands.at(-1)!.verdict.solved).toBe(true);
    for (const reply of [opened, ...commands, { ok: false as const, error: 'bad message: line: "quoted" {braces}' }]) {
      const packet = throughTheWire(reply);
      expect(packet).toMatchObject({ type: parser.PacketType.ACK, nsp: "/", id: 17 });
      expect((packet.data as unknown[])[0]).toBeInstanceOf(UnreadAck);
      expect(ackFacts((packet.data as unknown[])[0])).toEqual(expected(reply));
    }
  });

  it("reads attempt and command replies from their head, so a 12 KB attempt reply is not parsed", () => {
    // Cut short after the facts, the text is no JSON: only the head patterns can read it.
    const head = (reply: ServerReply, after: string) => {
      const json = `[${encodeReply(reply).json}]`;
      return new UnreadAck(json.slice(0, json.indexOf(",", json.indexOf(after)) + 1));
    };
    expect(encodeReply(opened).json.length).toBeGreaterThan(4000);
    expect(ackFacts(head(opened, '"seed":'))).toEqual(expected(opened));
    for (const reply of commands) expect(ackFacts(head(reply, '"solved":'))).toEqual(expected(reply));
  });

  it("reads a reply laid out otherwise by parsing it whole, with the same facts", () => {
    const reordered = { attempt: { seed: 9, id: "a\"b" }, type: "attempt", ok: true };
    expect(ackFacts(new UnreadAck(JSON.stringify([reordered])))).toEqual({ ok: true, attemptId: 'a"b', seed: 9 });
    const command = { ok: true, type: "command", stars: 0, verdict: { passed: 1, solved: true }, entry: { line: "}" } };
    expect(ackFacts(new UnreadAck(JSON.stringify([command])))).toEqual({ ok: true, solved: true });
    // An entry whose strings hold braces and quotes still matches the head pattern's JSON rules.
    const tricky = { ok: true, type: "command", entry: { seq: 1, host: "api", line: 'echo "}{"', accepted: true, output: "a\\\"}", changed: true, undone: false }, verdict: { solved: false, passed: 0, total: 3, goals: [] }, stars: 0 };
    expect(ackFacts(new UnreadAck(JSON.stringify([tricky])))).toEqual({ ok: true, solved: false });
  });

  it("reads replies that arrive as objects (any packet it leaves to socket.io's decoder) the same way", () => {
    expect(ackFacts(JSON.parse(JSON.stringify(opened)))).toEqual(expected(opened));
    expect(ackFacts(JSON.parse(JSON.stringify(commands[0])))).toEqual(expected(commands[0]!));
  });

  it("turns what is not a reply into an error, not a crash", () => {
    expect(ackFacts(new UnreadAck("[{not json"))).toMatchObject({ ok: false, error: expect.stringMatching(/not JSON/) });
    expect(ackFacts(undefined)).toMatchObject({ ok: false, error: expect.stringMatching(/not a reply/) });
    expect(ackFacts("text")).toMatchObject({ ok: false });
  });

  it("leaves every other packet to socket.io's decoder: events, and acks on another namespace", () => {
    expect(decode('2["pp.push",{"v":1,"type":"class.state"}]')).toEqual({ type: parser.PacketType.EVENT, nsp: "/", data: ["pp.push", { v: 1, type: "class.state" }] });
    expect(decode('3/admin,5[{"ok":true}]')).toEqual({ type: parser.PacketType.ACK, nsp: "/admin", id: 5, data: [{ ok: true }] });
  });
});
