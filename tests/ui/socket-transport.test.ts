/**
 * The play screen's transport: the attempt asked for before the screen mounts (startEarly) is
 * the answer to the session's first open of that level, and only that one. socket.io is
 * replaced by a fake socket that records what is emitted and answers each ack at once.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ClientMessage } from "../../game/protocol";

interface FakeSocket {
  emitted: ClientMessage[];
  options: unknown;
  connected: boolean;
  closed: boolean;
}

const sockets: FakeSocket[] = [];

vi.mock("socket.io-client", () => ({
  io: (options: unknown) => {
    const fake: FakeSocket = { emitted: [], options, connected: false, closed: false };
    sockets.push(fake);
    const socket = {
      get connected() {
        return fake.connected;
      },
      on: () => socket,
      close: () => {
        fake.closed = true;
      },
      timeout: () => ({
        emit: (_event: string, message: ClientMessage, ack: (err: Error | null, reply: unknown) => void) => {
          fake.emitted.push(message);
          ack(null, { ok: true, type: "echo", n: fake.emitted.length, message });
        },
      }),
    };
    return socket;
  },
}));

async function freshModule(pathname: string | undefined) {
  vi.resetModules();
  sockets.length = 0;
  if (pathname === undefined) vi.stubGlobal("window", undefined);
  else vi.stubGlobal("window", { location: { pathname } });
  return import("../../app/_components/play/socket-transport");
}

describe("socket transport", () => {
  beforeEach(() => {
    sockets.length = 0;
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("asks for the level in the address bar at once, and answers the session's first open of it with that request", async () => {
    const t = await freshModule("/play/svc-reach-service-b");
    t.startEarly();
    expect(sockets).toHaveLength(1);
    expect(sockets[0]!.emitted).toEqual([{ v: 1, type: "attempt.open", levelId: "svc-reach-service-b" }]);

    const { transport } = t.connectTransport(() => {});
    expect(sockets).toHaveLength(1); // the early socket is reused, not a second one
    const first = await transport({ v: 1, type: "attempt.open", levelId: "svc-reach-service-b" });
    expect(first).toMatchObject({ ok: true, n: 1 });
    expect(sockets[0]!.emitted).toHaveLength(1); // nothing sent again
    // A later open (Try again, a resync) goes to the server.
    const again = await transport({ v: 1, type: "attempt.open", levelId: "svc-reach-service-b" });
    expect(again).toMatchObject({ ok: true, n: 2 });
  });

  it("sends the session's open when it is for another level than the early one", async () => {
    const t = await freshModule("/play/pod-first-veth");
    t.startEarly();
    const { transport } = t.connectTransport(() => {});
    const reply = await transport({ v: 1, type: "attempt.open", levelId: "node-veth-down" });
    expect(reply).toMatchObject({ ok: true, n: 2 });
    expect(sockets[0]!.emitted.map((m) => (m.type === "attempt.open" ? m.levelId : m.type))).toEqual(["pod-first-veth", "node-veth-down"]);
  });

  it("starts once per page load, and not at all off a level's address or outside a browser", async () => {
    let t = await freshModule("/play/svc-reach-service-b");
    t.startEarly();
    t.startEarly();
    expect(sockets).toHaveLength(1);
    t = await freshModule("/play");
    t.startEarly();
    expect(sockets).toHaveLength(0);
    t = await freshModule("/play/Not_A_Level");
    t.startEarly();
    expect(sockets).toHaveLength(0);
    // A class level opens on the student's class socket (app/_components/class/class-link.ts), never as plain play.
    t = await freshModule("/class/play/svc-reach-service-b");
    t.startEarly();
    expect(sockets).toHaveLength(0);
    t = await freshModule(undefined);
    t.startEarly();
    expect(sockets).toHaveLength(0);
  });

  it("without an early start, connects when the screen mounts: WebSocket first, polling as the fallback", async () => {
    const t = await freshModule("/play");
    const { transport, close } = t.connectTransport(() => {});
    expect(sockets).toHaveLength(1);
    expect(sockets[0]!.options).toMatchObject({ transports: ["websocket", "polling"], tryAllTransports: true });
    await transport({ v: 1, type: "attempt.open", levelId: "svc-reach-service-b" });
    expect(sockets[0]!.emitted).toHaveLength(1);
    close();
    expect(sockets[0]!.closed).toBe(true);
  });
});
