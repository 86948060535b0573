/** A reply a play worker encoded goes out in exactly the packet socket.io would have made of the reply object. */
import * as parser from "socket.io-parser";
import { describe, expect, it } from "vitest";
import type { ServerReply } from "../../game/protocol";
import { encodeReply, replyNote } from "../../server/play/encoded-reply";
import { replyParser } from "../../server/play/reply-parser";

const replies: ServerReply[] = [
  { ok: false, error: 'seq 3 is already "node1: ip route" [] \u2028 ünïcødé \\ "quotes"' },
  { ok: true, type: "command", entry: { seq: 1, host: "node1", line: "ip link set eth0 up", accepted: true, changed: true, undone: false }, verdict: { solved: false, passed: 1, total: 3, goals: [] }, stars: 0 },
  { ok: true, type: "nickname", nickname: "[]" },
];

describe("the reply parser", () => {
  it("encodes an ack of an encoded reply as socket.io encodes the reply object, in any namespace", () => {
    const stock = new parser.Encoder();
    const ours = new replyParser.Encoder();
    for (const reply of replies) {
      for (const nsp of ["/", "/admin"]) {
        const packet = { type: parser.PacketType.ACK, nsp, id: 42, data: [reply] };
        expect(ours.encode({ ...packet, data: [encodeReply(reply)] })).toEqual(stock.encode(packet));
        expect(ours.encode(packet)).toEqual(stock.encode(packet));
      }
    }
  });

  it("leaves every other packet to socket.io's encoder", () => {
    const stock = new parser.Encoder();
    const ours = new replyParser.Encoder();
    const event = { type: parser.PacketType.EVENT, nsp: "/", data: ["pp.push", { v: 1, type: "paused", classId: "c", paused: true }] };
    expect(ours.encode(event)).toEqual(stock.encode(event));
    const binary = { type: parser.PacketType.ACK, nsp: "/", id: 1, data: [{ bytes: Buffer.from([1, 2, 3]) }] };
    expect(ours.encode(binary)).toEqual(stock.encode(binary));
  });

  it("notes what the server needs of a reply: success, and the attempt it opened", () => {
    expect(replyNote(replies[0]!)).toEqual({ ok: false });
    expect(replyNote(replies[1]!)).toEqual({ ok: true });
    const opened = { ok: true, type: "attempt", attempt: { id: "a1", levelId: "lvl" } } as unknown as ServerReply;
    expect(replyNote(opened)).toEqual({ ok: true, attempt: { id: "a1", levelId: "lvl" } });
    expect(replyNote(encodeReply(opened))).toEqual(replyNote(opened));
    expect(encodeReply(opened).decode()).toEqual(opened);
  });
});
