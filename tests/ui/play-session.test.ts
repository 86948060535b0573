import { describe, expect, it } from "vitest";
import { PlaySession, type TerminalEvent } from "../../app/_lib/play-session";
import { judgeLog, replay, runCommand, stars, commandCount, undoTarget } from "../../game/attempt";
import type { ClientMessage, LogEntry, ServerReply } from "../../game/protocol";
import type { PreparedLevel } from "../../engine/judge/prepare";
import { DNAT_B, prepared } from "./levels";

/** A server that plays by the shared rules, in memory; `refuse` makes it refuse lines the browser accepts. */
function fakeServer(p: PreparedLevel, refuse: (line: string) => boolean = () => false) {
  let log: LogEntry[] = [];
  const sent: ClientMessage[] = [];
  const view = () => ({
    id: "attempt-0001",
    levelId: p.level.id,
    seed: 0,
    level: { ...p.level, hints: [], solution: [] },
    base: { hosts: p.hosts, setup: p.baseSetup, listen: p.listen },
    log,
    verdict: judgeLog(p, log),
    hintCount: p.level.hints.length,
    hintsShown: 0,
    solutionShown: false,
    stars: 0,
  });
  const transport = async (m: ClientMessage): Promise<ServerReply> => {
    sent.push(m);
    switch (m.type) {
      case "attempt.open":
        return { ok: true, type: "attempt", attempt: view() };
      case "attempt.command": {
        if (m.seq !== log.length + 1) return { ok: false, error: `seq ${m.seq} is not the next (${log.length + 1})` };
        const r = refuse(m.line) ? ({ ok: false, error: "refused by the server" } as const) : runCommand(p, replay(p, log), m.host, m.line);
        const entry: LogEntry = r.ok
          ? { seq: m.seq, host: m.host, line: m.line, accepted: true, output: r.output, changed: r.changed, undone: false }
          : { seq: m.seq, host: m.host, line: m.line, accepted: false, error: r.error, changed: false, undone: false };
        log = [...log, entry];
        const verdict = judgeLog(p, log);
        return { ok: true, type: "command", entry, verdict, stars: stars({ solved: verdict.solved, solutionShown: false, commands: commandCount(log), ...(p.level.par !== undefined ? { par: p.level.par } : {}) }) };
      }
      case "attempt.undo": {
        const t = undoTarget(log);
        if (!t) return { ok: false, error: "nothing to undo" };
        log = log.map((e) => (e.seq === t.seq ? { ...e, undone: true } : e));
        return { ok: true, type: "undo", undoneSeq: t.seq, verdict: judgeLog(p, log) };
      }
      case "attempt.hint":
        return { ok: true, type: "hint", index: 0, text: p.level.hints[0]!.en };
      default:
        return { ok: false, error: `not in this fake: ${m.type}` };
    }
  };
  return { transport, sent, log: () => log };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("play session", () => {
  const p = prepared("svc-reach-service-b");

  it("opens the attempt and judges it locally and as the server said", async () => {
    const s = new PlaySession(fakeServer(p).transport, p.level.id);
    await s.open();
    const snap = s.snapshot();
    expect(snap.status).toBe("ready");
    expect(snap.local?.solved).toBe(false);
    expect(snap.server?.solved).toBe(false);
    expect(snap.hintCount).toBe(p.level.hints.length);
  });

  it("applies a command at once, then marks it confirmed when the server acks", async () => {
    const server = fakeServer(p);
    const s = new PlaySession(server.transport, p.level.id);
    await s.open();
    const r = s.run("node1", DNAT_B);
    expect(r.isError).toBe(false);
    expect(s.snapshot().local?.solved).toBe(true);
    expect(s.snapshot().log[0]).toMatchObject({ seq: 1, sync: "pending", changed: true });
    expect(s.snapshot().inFlight).toBe(1);
    await settle();
    expect(s.snapshot().log[0]).toMatchObject({ seq: 1, sync: "confirmed" });
    expect(s.snapshot().server?.solved).toBe(true);
    expect(s.snapshot().stars).toBe(3);
    expect(s.snapshot().inFlight).toBe(0);
  });

  it("numbers every line it sends, refused and read-only ones too", async () => {
    const server = fakeServer(p);
    const s = new PlaySession(server.transport, p.level.id);
    await s.open();
    s.run("node1", "ip route");
    const refused = s.run("node1", "ip route add nonsense");
    expect(refused.isError).toBe(true);
    s.run("pod-a", "ip route");
    await settle();
    expect(server.sent.filter((m) => m.type === "attempt.command").map((m) => (m as { seq: number }).seq)).toEqual([1, 2, 3]);
    expect(s.snapshot().log.map((e) => [e.accepted, e.sync])).toEqual([
      [true, "confirmed"],
      [false, "confirmed"],
      [false, "confirmed"],
    ]);
    expect(s.snapshot().log[2]!.error).toMatch(/read-only/);
  });

  it("shows counters from the last probe run to commands that only look", async () => {
    const s = new PlaySession(fakeServer(p).transport, p.level.id);
    await s.open();
    s.run("node1", DNAT_B);
    const out = s.run("node1", "iptables -t nat -L PREROUTING -v -n").text;
    const rule = out.split("\n").find((l) => l.includes("DNAT"))!;
    expect(Number(rule.trim().split(/\s+/)[0])).toBeGreaterThan(0);
    expect(s.run("node1", "conntrack -L").text).toMatch(/dst=10\.96\.0\.20 .*dport=80 .*src=10\.244\.0\.3 /);
    // the pure state the server replays has neither: the next change still applies to it
    expect(s.snapshot().state!.hosts["node1"]!.conntrack).toEqual([]);
  });

  it("lets the server's log win when it decides differently", async () => {
    const server = fakeServer(p, (line) => line.includes("DNAT"));
    const s = new PlaySession(server.transport, p.level.id);
    const notices: TerminalEvent[] = [];
    s.onTerminal((e) => notices.push(e));
    await s.open();
    s.run("node1", DNAT_B);
    expect(s.snapshot().local?.solved).toBe(true);
    await settle();
    expect(s.snapshot().log[0]).toMatchObject({ sync: "corrected", accepted: false });
    expect(s.snapshot().local?.solved).toBe(false);
    expect(notices.some((n) => n.kind === "notice" && n.tone === "warn")).toBe(true);
  });

  it("undo takes back the last change on both sides", async () => {
    const server = fakeServer(p);
    const s = new PlaySession(server.transport, p.level.id);
    await s.open();
    s.run("node1", DNAT_B);
    await settle();
    expect(s.snapshot().canUndo).toBe(true);
    await s.undo();
    expect(s.snapshot().log[0]!.undone).toBe(true);
    expect(s.snapshot().local?.solved).toBe(false);
    expect(s.snapshot().server?.solved).toBe(false);
    expect(s.snapshot().canUndo).toBe(false);
  });

  it("echoes an editor's command in that host's terminal", async () => {
    const s = new PlaySession(fakeServer(p).transport, p.level.id);
    const events: TerminalEvent[] = [];
    s.onTerminal((e) => events.push(e));
    await s.open();
    s.run("node1", "ip link set veth71866a09 down", "editor");
    expect(events).toEqual([{ kind: "echo", host: "node1", line: "ip link set veth71866a09 down", text: "", isError: false }]);
    s.run("node1", "ip route", "terminal");
    expect(events).toHaveLength(1);
  });

  it("reloads the attempt from the server when a request fails", async () => {
    const server = fakeServer(p);
    let fail = true;
    const flaky = async (m: ClientMessage): Promise<ServerReply> => (m.type === "attempt.command" && fail ? ((fail = false), { ok: false, error: "database busy" }) : server.transport(m));
    const s = new PlaySession(flaky, p.level.id);
    await s.open();
    s.run("node1", DNAT_B);
    for (let i = 0; i < 5; i++) await settle();
    // the server never stored the line: its log (empty) is adopted
    expect(s.snapshot().log).toEqual([]);
    expect(s.snapshot().local?.solved).toBe(false);
  });

  it("starts from the attempt the page came with, before it is started and before the server answers, and counts nothing in flight", async () => {
    const server = fakeServer(p);
    const initial = ((await server.transport({ v: 1, type: "attempt.open", levelId: p.level.id })) as Extract<ServerReply, { type: "attempt" }>).attempt;
    const asked: ClientMessage[] = [];
    const s = new PlaySession(async (m) => (asked.push(m), new Promise<ServerReply>(() => {})), p.level.id, initial);
    expect(s.snapshot()).toMatchObject({ status: "ready", attemptId: initial.id, inFlight: 0 });
    void s.start();
    expect(s.snapshot()).toMatchObject({ status: "ready", attemptId: initial.id, inFlight: 0 });
    expect(s.snapshot().local?.solved).toBe(false);
    // The server is still asked once whether the page's attempt is current.
    expect(asked.map((m) => m.type)).toEqual(["attempt.open"]);
  });

  it("keeps the page's attempt when the server's agrees, and takes the server's when the page's is out of date", async () => {
    const server = fakeServer(p);
    const open = async () => ((await server.transport({ v: 1, type: "attempt.open", levelId: p.level.id })) as Extract<ServerReply, { type: "attempt" }>).attempt;
    const current = new PlaySession(server.transport, p.level.id, await open());
    await current.start();
    expect(current.snapshot().probeRun).toBe(1); // adopted once: the server's reply changed nothing

    const stale = await open();
    await server.transport({ v: 1, type: "attempt.command", attemptId: stale.id, seq: 1, host: "node1", line: DNAT_B }); // played on elsewhere
    const behind = new PlaySession(server.transport, p.level.id, stale);
    await behind.start();
    expect(behind.snapshot().log).toHaveLength(1);
    expect(behind.snapshot().local?.solved).toBe(true);
    expect(behind.snapshot().server?.solved).toBe(true);
  });

  it("enables the solution after enough hints or commands", async () => {
    const s = new PlaySession(fakeServer(p).transport, p.level.id);
    await s.open();
    expect(s.snapshot().canRevealSolution).toBe(false);
    for (const line of ["ip link set veth71866a09 down", "ip link set veth71866a09 up", "ip link set veth06316318 down"]) s.run("node1", line);
    expect(s.snapshot().canRevealSolution).toBe(true);
  });
});
