/** Bad input over the socket: every malformed request gets an error ack, nothing is stored, and the server keeps serving. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVENT, MAX_LINE_BYTES } from "../../game/protocol";
import { io as connect } from "socket.io-client";
import { command, connectPlayer, expectError, openLevel, startPlayServer, tempDbFile, type Player, type PlayServer } from "./harness";

let server: PlayServer;
let cleanup: () => void;
let player: Player;
let attemptId: string;
beforeAll(async () => {
  const temp = tempDbFile();
  cleanup = temp.cleanup;
  server = await startPlayServer(temp.file);
  player = await connectPlayer(server.url);
  attemptId = (await openLevel(player, "svc-reach-service-b")).id;
});
afterAll(async () => {
  player.close();
  await server.close();
  cleanup();
});

describe("bad payloads", () => {
  const good = () => command(attemptId, 1, "node1", "ip link set cni0 mtu 1400");
  const cases: [string, () => unknown, RegExp][] = [
    ["no payload at all", () => undefined, /^bad message: message: /],
    ["a string", () => "attempt.open", /^bad message: message: /],
    ["an unknown type", () => ({ ...good(), type: "attempt.explode" }), /^bad message: type: /],
    ["no version", () => ({ ...good(), v: undefined }), /^bad message: v: must be 1/],
    ["the wrong version", () => ({ ...good(), v: 2 }), /^bad message: v: must be 1 \(this server speaks protocol version 1\)/],
    ["a missing line", () => ({ ...good(), line: undefined }), /^bad message: line: /],
    ["an empty line", () => ({ ...good(), line: "" }), /^bad message: line: is empty/],
    ["a seq that is a string", () => ({ ...good(), seq: "1" }), /^bad message: seq: /],
    ["a fractional seq", () => ({ ...good(), seq: 1.5 }), /^bad message: seq: /],
    ["seq 0", () => ({ ...good(), seq: 0 }), /^bad message: seq: /],
    ["a host that is a number", () => ({ ...good(), host: 7 }), /^bad message: host: /],
    ["a host with a slash", () => ({ ...good(), host: "../etc" }), /^bad message: host: is not a host name/],
    ["an attempt id that is not one", () => ({ ...good(), attemptId: "x" }), /^bad message: attemptId: is not an attempt id/],
    ["a huge line", () => ({ ...good(), line: "ip route " + "x".repeat(MAX_LINE_BYTES) }), new RegExp(`^bad message: line: is longer than ${MAX_LINE_BYTES} bytes`)],
    ["an extra field", () => ({ ...good(), verdict: { solved: true } }), /^bad message: message: .*verdict/],
    ["a level id with capitals", () => ({ v: 1, type: "attempt.open", levelId: "../Secrets" }), /^bad message: levelId: is not a level id/],
    ["a blank nickname", () => ({ v: 1, type: "player.nickname", nickname: "   " }), /^bad message: nickname: is empty/],
  ];

  it.each(cases)("%s gets an error ack naming the field, and nothing is stored", async (_name, payload, error) => {
    const before = server.service.store.counts();
    expect(expectError(await player.send(payload()))).toMatch(error);
    expect(server.service.store.counts()).toEqual(before);
  });

  it("a message without an ack, or an unknown event, is dropped and the connection keeps working", async () => {
    const before = server.service.store.counts();
    player.socket.emit(EVENT, good());
    player.socket.emit(EVENT);
    player.socket.emit("pp.unknown", good(), () => {});
    player.socket.emit(EVENT, good(), "not a function");
    const view = await openLevel(player, "svc-reach-service-b");
    expect(view.log).toEqual([]);
    expect(server.service.store.counts()).toEqual(before);
    expect(player.socket.connected).toBe(true);
  });

  it("a verdict is never taken from the client: the log and the server's judgement decide", async () => {
    const reply = await player.send({ ...command(attemptId, 1, "node1", "ip route"), solved: true });
    expect(expectError(reply)).toMatch(/solved/);
    expect((await openLevel(player, "svc-reach-service-b")).verdict.solved).toBe(false);
  });
});

describe("connections", () => {
  it("refuses a socket without the player cookie, with a clear error", async () => {
    const socket = connect(server.url, { transports: ["websocket"], forceNew: true, reconnection: false, extraHeaders: { cookie: "pp_player=bad!" } });
    const error = await new Promise<Error>((resolve) => socket.once("connect_error", resolve));
    socket.close();
    expect(error.message).toMatch(/^no player: the socket needs the pp_player cookie/);
  });
});
