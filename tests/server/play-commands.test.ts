/** attempt.open and attempt.command over a real socket: verdicts, refusals, seq rules, undo. */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { action, command, connectPlayer, expectError, expectOk, openLevel, startPlayServer, tempDbFile, type PlayServer } from "./harness";

const DNAT = "iptables -t nat -A PREROUTING -d 10.96.0.20/32 -p tcp --dport 80 -j DNAT --to-destination 10.244.0.3:8080";

let server: PlayServer;
let cleanup: () => void;
beforeAll(async () => {
  const temp = tempDbFile();
  cleanup = temp.cleanup;
  server = await startPlayServer(temp.file);
});
afterAll(async () => {
  await server.close();
  cleanup();
});

describe("attempt.open", () => {
  it("creates an attempt with a 32-bit seed, an empty log and the start verdict", async () => {
    const player = await connectPlayer(server.url);
    const attempt = await openLevel(player, "svc-reach-service-b");
    expect(attempt.levelId).toBe("svc-reach-service-b");
    expect(Number.isInteger(attempt.seed) && attempt.seed >= 0 && attempt.seed < 2 ** 32).toBe(true);
    expect(attempt.log).toEqual([]);
    expect(attempt.verdict).toMatchObject({ solved: false, total: 3 });
    expect(attempt.verdict.goals.find((g) => g.id === "a-reaches-b")?.pass).toBe(false);
    expect(attempt).toMatchObject({ hintsShown: 0, hintCount: 3, solutionShown: false, stars: 0 });
    expect(attempt.level.hints).toEqual([]);
    expect(attempt.level.solution).toEqual([]);
    expect(await openLevel(player, "svc-reach-service-b")).toMatchObject({ id: attempt.id, seed: attempt.seed });
    player.close();
  });

  it("refuses a level that does not exist, storing nothing", async () => {
    const player = await connectPlayer(server.url);
    const before = server.service.store.counts().attempts;
    expect(expectError(await player.send({ v: 1, type: "attempt.open", levelId: "no-such-level" }))).toMatch(/no level "no-such-level"/);
    expect(server.service.store.counts().attempts).toBe(before);
    player.close();
  });
});

describe("attempt.command", () => {
  it("runs an accepted command, judges it and stores entry and verdict", async () => {
    const player = await connectPlayer(server.url);
    const attempt = await openLevel(player, "svc-reach-service-b");
    const show = expectOk(await player.send(command(attempt.id, 1, "node1", "ip route")), "command");
    expect(show.entry).toMatchObject({ seq: 1, accepted: true, changed: false, undone: false });
    expect(show.entry.output).toContain("10.244.0.0/24 dev cni0");

    const mtu = expectOk(await player.send(command(attempt.id, 2, "node1", "ip link set cni0 mtu 1400")), "command");
    expect(mtu.entry).toMatchObject({ seq: 2, accepted: true, changed: true });
    expect(mtu.verdict.solved).toBe(false);

    const reopened = await openLevel(player, "svc-reach-service-b");
    expect(reopened.log.map((e) => [e.seq, e.line, e.accepted])).toEqual([
      [1, "ip route", true],
      [2, "ip link set cni0 mtu 1400", true],
    ]);
    const shown = expectOk(await player.send(command(attempt.id, 3, "node1", "ip link show cni0")), "command");
    expect(shown.entry.output).toContain("mtu 1400");
    player.close();
  });

  it("stores a line the engine refuses, with its error, and leaves the state alone", async () => {
    const player = await connectPlayer(server.url);
    const attempt = await openLevel(player, "svc-reach-service-b");
    const bad = expectOk(await player.send(command(attempt.id, 1, "node1", "ip route add 10.1.0.0/33 via 192.168.50.254")), "command");
    expect(bad.entry).toMatchObject({ seq: 1, accepted: false, changed: false, error: 'Error: inet prefix is expected rather than "10.1.0.0/33".' });
    expect(bad.verdict).toEqual(attempt.verdict);
    const routes = expectOk(await player.send(command(attempt.id, 2, "node1", "ip route")), "command");
    expect(routes.entry.output).not.toContain("10.1.0.0");
    expect((await openLevel(player, "svc-reach-service-b")).log[0]).toMatchObject({ accepted: false, error: bad.entry.error });
    player.close();
  });

  it("refuses a read-only host and a command the level forbids, with the level's message", async () => {
    const player = await connectPlayer(server.url);
    const attempt = await openLevel(player, "svc-portal-jump");
    const readOnly = expectOk(await player.send(command(attempt.id, 1, "pod-a", "ip route add 10.9.0.0/24 dev eth0")), "command");
    expect(readOnly.entry).toMatchObject({ accepted: false, error: expect.stringMatching(/^pod-a is read-only in this level; you can type on node1/) });
    const forbidden = expectOk(await player.send(command(attempt.id, 2, "node1", "iptables -t nat -A KUBE-SERVICES -j ACCEPT")), "command");
    expect(forbidden.entry).toMatchObject({ accepted: false, changed: false, error: "not in this level: kube-proxy's own chains are intact; the problem is outside them." });
    const rules = expectOk(await player.send(command(attempt.id, 3, "node1", "iptables -t nat -S KUBE-SERVICES")), "command");
    expect(rules.entry.output).not.toContain("-j ACCEPT");
    player.close();
  });

  it("answers a resent seq from the log, and refuses a different line under that seq or a gap", async () => {
    const player = await connectPlayer(server.url);
    const attempt = await openLevel(player, "svc-reach-service-b");
    const first = expectOk(await player.send(command(attempt.id, 1, "node1", DNAT)), "command");
    const again = expectOk(await player.send(command(attempt.id, 1, "node1", DNAT)), "command");
    expect(again).toEqual(first);
    expect(expectError(await player.send(command(attempt.id, 1, "node1", "ip route")))).toMatch(/seq 1 is already "node1: iptables .*next command is seq 2/);
    expect(expectError(await player.send(command(attempt.id, 3, "node1", "ip route")))).toMatch(/seq 3 skips ahead: this attempt's next command is seq 2/);
    const view = await openLevel(player, "svc-reach-service-b");
    expect(view.log.map((e) => e.seq)).toEqual([1]);
    const rules = expectOk(await player.send(command(attempt.id, 2, "node1", "iptables -t nat -S PREROUTING")), "command");
    expect(rules.entry.output?.match(/DNAT/g)).toHaveLength(1);
    player.close();
  });
});

describe("one transaction per command", () => {
  it("stores neither the entry nor its verdict when a later write of the command fails, and the seq stays free", async () => {
    const player = await connectPlayer(server.url);
    const attempt = await openLevel(player, "svc-reach-service-b");
    const before = server.service.store.counts();
    // The line solves the level: after its row (entry and verdict) the attempt is marked solved, and that write fails.
    const failing = vi.spyOn(server.service.store, "updateAttempt").mockImplementationOnce(() => {
      throw new Error("disk full");
    });
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(expectError(await player.send(command(attempt.id, 1, "node1", DNAT)))).toBe("the server could not handle attempt.command (an internal error)");
    failing.mockRestore();
    quiet.mockRestore();
    expect(server.service.store.counts()).toEqual(before);
    expect((await openLevel(player, "svc-reach-service-b")).log).toEqual([]);
    const retry = expectOk(await player.send(command(attempt.id, 1, "node1", DNAT)), "command");
    expect(retry.verdict.solved).toBe(true);
    player.close();
  });
});

describe("attempt.undo", () => {
  it("takes back the latest change, skipping show commands, and re-judges", async () => {
    const player = await connectPlayer(server.url);
    const attempt = await openLevel(player, "svc-reach-service-b");
    expect(expectError(await player.send(action("attempt.undo", attempt.id)))).toMatch(/nothing to undo/);
    expectOk(await player.send(command(attempt.id, 1, "node1", DNAT)), "command");
    expectOk(await player.send(command(attempt.id, 2, "node1", "iptables -t nat -S")), "command");
    const undo = expectOk(await player.send(action("attempt.undo", attempt.id)), "undo");
    expect(undo.undoneSeq).toBe(1);
    expect(undo.verdict.goals.find((g) => g.id === "a-reaches-b")?.pass).toBe(false);
    const view = await openLevel(player, "svc-reach-service-b");
    expect(view.log.map((e) => e.undone)).toEqual([true, false]);
    expect(view.verdict).toEqual(undo.verdict);
    const rules = expectOk(await player.send(command(attempt.id, 3, "node1", "iptables -t nat -S PREROUTING")), "command");
    expect(rules.entry.output).not.toContain("DNAT");
    player.close();
  });
});
