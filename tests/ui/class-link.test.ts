/**
 * The student's class socket (app/_components/class/class-link.ts): it connects with the class
 * code in `auth`, sends class.join on every connect (a server restart gives a new socket) and
 * takes the reply as the view, applies pushes, reports refusals, carries the play session's
 * messages, and closes when its last user does. socket.io is a fake that the test drives.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ClassStateView, StudentClassView } from "../../game/class-protocol";
import type { ClientMessage } from "../../game/protocol";

interface FakeSocket {
  options: Record<string, unknown>;
  emitted: ClientMessage[];
  handlers: Map<string, ((...args: unknown[]) => void)[]>;
  connected: boolean;
  closed: boolean;
  /** socket.connect() calls (a retried refusal). */
  connects: number;
  reply: (message: ClientMessage) => unknown;
  fire(event: string, ...args: unknown[]): void;
}

const sockets: FakeSocket[] = [];

// class-link takes `io` through play-client.tsx (see there why); the fake stands in for both.
vi.mock("../../app/_components/play/play-client", () => ({
  io: (options: Record<string, unknown>) => {
    const fake: FakeSocket = {
      options,
      emitted: [],
      handlers: new Map(),
      connected: false,
      closed: false,
      connects: 0,
      reply: (message) => ({ ok: true, type: "echo", message }),
      fire(event, ...args) {
        if (event === "connect") fake.connected = true;
        if (event === "disconnect") fake.connected = false;
        for (const h of fake.handlers.get(event) ?? []) h(...args);
      },
    };
    sockets.push(fake);
    const socket = {
      get connected() {
        return fake.connected;
      },
      active: false,
      on: (event: string, fn: (...args: unknown[]) => void) => {
        fake.handlers.set(event, [...(fake.handlers.get(event) ?? []), fn]);
        return socket;
      },
      off: (event: string, fn: (...args: unknown[]) => void) => {
        fake.handlers.set(event, (fake.handlers.get(event) ?? []).filter((h) => h !== fn));
        return socket;
      },
      connect: () => {
        fake.connects += 1;
        return socket;
      },
      close: () => {
        fake.closed = true;
      },
      timeout: () => ({
        emit: (_event: string, message: ClientMessage, ack: (err: Error | null, reply: unknown) => void) => {
          fake.emitted.push(message);
          ack(null, fake.reply(message));
        },
      }),
    };
    return socket;
  },
}));

const { ClassLink } = await import("../../app/_components/class/class-link");

const klass: ClassStateView = { id: "class-aaaaaaaaaaaaaaaa", code: "ABC234", title: "Networking 101", status: "lobby", pacing: "free", levelIds: ["pod-eth0-bringup"], unlocked: 1, variants: false, stuckMinutes: 5 };
const joined: StudentClassView = { student: { id: "stud-aaaaaaaaaaaaaaaa", nickname: "pat" }, class: klass, messages: [], progress: {} };
const flush = () => new Promise((r) => setTimeout(r, 0));

describe("class link", () => {
  beforeEach(() => {
    sockets.length = 0;
  });

  it("connects with the class code and sends class.join on every connect, taking the reply as the view", async () => {
    const link = new ClassLink(joined);
    const seen: boolean[] = [];
    link.connect((c) => seen.push(c));
    expect(sockets).toHaveLength(1);
    const fake = sockets[0]!;
    expect(fake.options).toMatchObject({ auth: { classCode: "ABC234" }, reconnection: true });
    fake.reply = () => ({ ok: true, type: "class.joined", joined: { ...joined, class: { ...klass, status: "running" } } });
    fake.fire("connect");
    await flush();
    expect(fake.emitted).toEqual([{ v: 1, type: "class.join", code: "ABC234" }]);
    expect(link.snapshot()).toMatchObject({ connected: true, joined: { class: { status: "running" } } });
    // The server restarted: disconnect, a new connection, class.join again, the view refreshed.
    fake.fire("disconnect");
    expect(link.snapshot().connected).toBe(false);
    fake.reply = () => ({ ok: true, type: "class.joined", joined: { ...joined, class: { ...klass, status: "paused" } } });
    fake.fire("connect");
    await flush();
    expect(fake.emitted.filter((m) => m.type === "class.join")).toHaveLength(2);
    expect(link.snapshot().joined.class.status).toBe("paused");
    expect(seen).toEqual([false, true, false, true]);
  });

  it("applies pushes, and closes the socket once removed", async () => {
    const link = new ClassLink(joined);
    link.connect();
    const fake = sockets[0]!;
    let changes = 0;
    link.subscribe(() => changes++);
    fake.fire("pp.push", { v: 1, type: "class.state", state: { ...klass, status: "running" } });
    fake.fire("pp.push", { v: 1, type: "class.message", message: { id: 1, classId: klass.id, text: "<b>hi</b>", to: "all", at: "2025-01-01T00:00:00Z" } });
    expect(link.snapshot().joined.messages.map((m) => m.text)).toEqual(["<b>hi</b>"]);
    expect(changes).toBe(2);
    expect(fake.closed).toBe(false);
    fake.fire("pp.push", { v: 1, type: "class.removed", classId: klass.id });
    expect(link.snapshot().removed).toBe(true);
    expect(fake.closed).toBe(true);
  });

  it("reports the server's refusal of the socket", () => {
    const link = new ClassLink(joined);
    link.connect();
    sockets[0]!.fire("connect_error", new Error("the instructor removed you from this class"));
    expect(link.snapshot()).toMatchObject({ connected: false, removed: true, refusal: "the instructor removed you from this class" });
  });

  it("tries again after a refusal the server marked as passing, and not after a final one or once closed", () => {
    vi.useFakeTimers();
    try {
      const link = new ClassLink(joined);
      const connection = link.connect();
      const fake = sockets[0]!;
      fake.fire("connect_error", new Error("the instructor removed you from this class"));
      vi.advanceTimersByTime(60_000);
      expect(fake.connects).toBe(0);
      fake.fire("connect_error", Object.assign(new Error("the server cannot check class memberships right now; trying again"), { data: { retry: true } }));
      expect(link.snapshot().refusal).toBe("the server cannot check class memberships right now; trying again");
      vi.advanceTimersByTime(999);
      expect(fake.connects).toBe(0);
      vi.advanceTimersByTime(1);
      expect(fake.connects).toBe(1);
      // Refused again: the next try waits longer (2 s).
      fake.fire("connect_error", Object.assign(new Error("again"), { data: { retry: true } }));
      vi.advanceTimersByTime(1999);
      expect(fake.connects).toBe(1);
      vi.advanceTimersByTime(1);
      expect(fake.connects).toBe(2);
      fake.fire("connect_error", Object.assign(new Error("again"), { data: { retry: true } }));
      connection.close();
      vi.advanceTimersByTime(60_000);
      expect(fake.connects).toBe(2);
      expect(fake.closed).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("says why when the server itself ends the socket (the nickname taken over elsewhere), and not on a plain network loss", () => {
    const link = new ClassLink(joined);
    link.connect();
    const fake = sockets[0]!;
    fake.fire("connect");
    fake.fire("disconnect", "transport close");
    expect(link.snapshot()).toMatchObject({ connected: false, refusal: undefined });
    fake.fire("connect");
    fake.fire("disconnect", "io server disconnect");
    expect(link.snapshot().connected).toBe(false);
    expect(link.snapshot().refusal).toMatch(/opened with your nickname on another device/);
  });

  it("keeps a refused class.join visible while the socket stays connected", async () => {
    const link = new ClassLink(joined);
    link.connect();
    const fake = sockets[0]!;
    fake.reply = () => ({ ok: false, error: "the class is full" });
    fake.fire("connect");
    await flush();
    expect(link.snapshot()).toMatchObject({ connected: true, refusal: "the class is full" });
  });

  it("gives the play session a transport over the same socket, shared until its last user closes", async () => {
    const link = new ClassLink(joined);
    const page = link.connect();
    const play = link.connect(() => {});
    expect(sockets).toHaveLength(1);
    const reply = await play.transport({ v: 1, type: "attempt.open", levelId: "pod-eth0-bringup" });
    expect(reply).toMatchObject({ ok: true, message: { type: "attempt.open" } });
    play.close();
    play.close(); // twice is once
    expect(sockets[0]!.closed).toBe(false);
    page.close();
    expect(sockets[0]!.closed).toBe(true);
    link.connect();
    expect(sockets).toHaveLength(2); // opened again for a new user
  });
});
