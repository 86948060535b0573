/** Attempts over their life: hints and the solution gate, solving and stars, reset, ownership, persistence, progress. */
import { afterEach, describe, expect, it } from "vitest";
import { nicknameIn, progressIn } from "../../server/play/progress";
import { action, command, connectPlayer, expectError, expectOk, openLevel, startPlayServer, tempDbFile, type PlayServer } from "./harness";

const LEVEL = "svc-reach-service-b";
const SOLUTION = "iptables -t nat -A PREROUTING -d 10.96.0.20/32 -p tcp --dport 80 -j DNAT --to-destination 10.244.0.3:8080";

const open: { server: PlayServer; cleanup?: () => void }[] = [];
async function start(file?: string): Promise<{ server: PlayServer; file: string }> {
  const temp = file ? undefined : tempDbFile();
  const server = await startPlayServer(file ?? temp!.file);
  open.push({ server, ...(temp ? { cleanup: temp.cleanup } : {}) });
  return { server, file: file ?? temp!.file };
}
afterEach(async () => {
  for (const { server } of open.reverse()) await server.close().catch(() => {});
  for (const { cleanup } of open) cleanup?.();
  open.length = 0;
});

describe("solving", () => {
  it("the reference solution solves svc-reach-service-b for 3 stars, fixed at the first solve", async () => {
    const { server } = await start();
    const player = await connectPlayer(server.url);
    const attempt = await openLevel(player, LEVEL);
    const solved = expectOk(await player.send(command(attempt.id, 1, "node1", SOLUTION)), "command");
    expect(solved.verdict).toMatchObject({ solved: true, passed: 3, total: 3 });
    expect(solved.stars).toBe(3);
    const view = await openLevel(player, LEVEL);
    expect(view.stars).toBe(3);
    expect(Date.parse(view.solvedAt ?? "")).not.toBeNaN();

    expectOk(await player.send(command(attempt.id, 2, "node1", "iptables -t nat -F PREROUTING")), "command");
    const after = await openLevel(player, LEVEL);
    expect(after.verdict.solved).toBe(false);
    expect({ stars: after.stars, solvedAt: after.solvedAt }).toEqual({ stars: 3, solvedAt: view.solvedAt });
    player.close();
  });

  it("over par gives 2 stars; after the solution was revealed, 1", async () => {
    const { server } = await start();
    const player = await connectPlayer(server.url);
    const overPar = await openLevel(player, LEVEL);
    expectOk(await player.send(command(overPar.id, 1, "node1", "ip link set cni0 mtu 1400")), "command");
    expect(expectOk(await player.send(command(overPar.id, 2, "node1", SOLUTION)), "command").stars).toBe(2);

    const again = expectOk(await player.send(action("attempt.reset", overPar.id)), "attempt").attempt;
    for (let i = 0; i < 3; i++) expectOk(await player.send(action("attempt.hint", again.id)), "hint");
    expectOk(await player.send(action("attempt.solution", again.id)), "solution");
    expect(expectOk(await player.send(command(again.id, 1, "node1", SOLUTION)), "command").stars).toBe(1);
    player.close();
  });
});

describe("hints and the solution", () => {
  it("shows hints one by one, counts them, and opens the solution once all are shown", async () => {
    const { server } = await start();
    const player = await connectPlayer(server.url);
    const attempt = await openLevel(player, LEVEL);
    expect(expectError(await player.send(action("attempt.solution", attempt.id)))).toMatch(/the solution opens after 3 commands .* or once all 3 hints are shown/);
    const first = expectOk(await player.send(action("attempt.hint", attempt.id)), "hint");
    expect(first).toMatchObject({ index: 0, text: expect.stringContaining("Which netfilter hook") });
    const reopened = await openLevel(player, LEVEL);
    expect(reopened.hintsShown).toBe(1);
    expect(reopened.level.hints.map((h) => h.en)).toEqual([first.text]);
    expectOk(await player.send(action("attempt.hint", attempt.id)), "hint");
    expect(expectOk(await player.send(action("attempt.hint", attempt.id)), "hint").index).toBe(2);
    expect(expectError(await player.send(action("attempt.hint", attempt.id)))).toMatch(/no more hints: all 3 are shown/);

    const solution = expectOk(await player.send(action("attempt.solution", attempt.id)), "solution");
    expect(solution.lines).toEqual([{ host: "node1", line: SOLUTION }]);
    const view = await openLevel(player, LEVEL);
    expect(view).toMatchObject({ hintsShown: 3, solutionShown: true });
    expect(view.level.solution).toEqual([{ host: "node1", line: SOLUTION }]);
    player.close();
  });

  it("opens the solution after 3 commands that change something", async () => {
    const { server } = await start();
    const player = await connectPlayer(server.url);
    const attempt = await openLevel(player, LEVEL);
    const lines = ["ip link set cni0 mtu 1400", "ip route", "ip link set cni0 mtu 1300", "ip link set cni0 mtu 1200"];
    for (const [i, line] of lines.entries()) {
      if (i === 3) expect(expectError(await player.send(action("attempt.solution", attempt.id)))).toMatch(/solution opens after/);
      expectOk(await player.send(command(attempt.id, i + 1, "node1", line)), "command");
    }
    expect(expectOk(await player.send(action("attempt.solution", attempt.id)), "solution").lines).toHaveLength(1);
    player.close();
  });
});

describe("reset", () => {
  it("starts a new attempt with the same seed and an empty log; the old one takes no more commands", async () => {
    const { server } = await start();
    const player = await connectPlayer(server.url);
    const old = await openLevel(player, LEVEL);
    expectOk(await player.send(command(old.id, 1, "node1", SOLUTION)), "command");
    expectOk(await player.send(action("attempt.hint", old.id)), "hint");
    const fresh = expectOk(await player.send(action("attempt.reset", old.id)), "attempt").attempt;
    expect(fresh.id).not.toBe(old.id);
    expect(fresh).toMatchObject({ seed: old.seed, log: [], hintsShown: 0, stars: 0, verdict: { solved: false } });
    expect((await openLevel(player, LEVEL)).id).toBe(fresh.id);
    expect(expectError(await player.send(command(old.id, 2, "node1", "ip route")))).toMatch(/was reset; open the level again/);
    expect(server.service.store.counts().attempts).toBe(2);
    player.close();
  });
});

describe("ownership", () => {
  it("another player gets their own attempt and cannot touch the first player's", async () => {
    const { server } = await start();
    const alice = await connectPlayer(server.url);
    const bob = await connectPlayer(server.url);
    const hers = await openLevel(alice, LEVEL);
    expectOk(await alice.send(command(hers.id, 1, "node1", SOLUTION)), "command");
    const his = await openLevel(bob, LEVEL);
    expect(his.id).not.toBe(hers.id);
    expect(his.log).toEqual([]);
    const before = server.service.store.counts();
    for (const message of [command(hers.id, 2, "node1", "iptables -t nat -F"), command(hers.id, 1, "node1", SOLUTION), ...(["attempt.undo", "attempt.reset", "attempt.hint", "attempt.solution"] as const).map((t) => action(t, hers.id))]) {
      expect(expectError(await bob.send(message))).toBe(`you have no attempt ${hers.id}`);
    }
    expect(server.service.store.counts()).toEqual(before);
    const still = await openLevel(alice, LEVEL);
    expect(still).toMatchObject({ id: hers.id, hintsShown: 0, verdict: { solved: true } });
    expect(still.log).toHaveLength(1);
    alice.close();
    bob.close();
  });
});

describe("persistence", () => {
  it("a new server on the same database file gives the same player the same log and verdict", async () => {
    const { server, file } = await start();
    const player = await connectPlayer(server.url);
    const attempt = await openLevel(player, LEVEL);
    expectOk(await player.send(command(attempt.id, 1, "node1", "ip route add 10.1.0.0/33 dev cni0")), "command");
    expectOk(await player.send(command(attempt.id, 2, "node1", SOLUTION)), "command");
    expectOk(await player.send(command(attempt.id, 3, "node1", "ip link set cni0 mtu 1400")), "command");
    expectOk(await player.send(action("attempt.undo", attempt.id)), "undo");
    const before = await openLevel(player, LEVEL);
    player.close();
    await server.close();

    const { server: second } = await start(file);
    const back = await connectPlayer(second.url, player.id);
    const after = await openLevel(back, LEVEL);
    expect(after).toEqual(before);
    expect(after.log.map((e) => [e.seq, e.accepted, e.undone])).toEqual([
      [1, false, false],
      [2, true, false],
      [3, true, true],
    ]);
    // The state is rebuilt from the stored log: the next command continues from it.
    const rules = expectOk(await back.send(command(attempt.id, 4, "node1", "iptables -t nat -S PREROUTING")), "command");
    expect(rules.entry.output).toContain("--to-destination 10.244.0.3:8080");
    expect(expectOk(await back.send(command(attempt.id, 5, "node1", "ip link show cni0")), "command").entry.output).not.toContain("mtu 1400");
    back.close();
  });
});

describe("progress and nickname", () => {
  it("reports each opened level's status, best stars and current goals, and the nickname", async () => {
    const { server } = await start();
    const player = await connectPlayer(server.url);
    expect(progressIn(server.db.orm, player.id)).toEqual({});
    expect(nicknameIn(server.db.orm, player.id)).toBeUndefined();

    const solved = await openLevel(player, LEVEL);
    expectOk(await player.send(command(solved.id, 1, "node1", SOLUTION)), "command");
    expectOk(await player.send(action("attempt.reset", solved.id)), "attempt");
    await openLevel(player, "pod-loopback-down");
    expect(expectOk(await player.send({ v: 1, type: "player.nickname", nickname: "  Ada " }), "nickname").nickname).toBe("Ada");

    const progress = progressIn(server.db.orm, player.id);
    expect(progress[LEVEL]).toEqual({ status: "solved", stars: 3, passed: 1, total: 3 });
    expect(progress["pod-loopback-down"]).toMatchObject({ status: "working", stars: 0, passed: expect.any(Number), total: expect.any(Number) });
    expect(progress["pod-loopback-down"]!.total).toBeGreaterThan(0);
    expect(Object.keys(progress).sort()).toEqual(["pod-loopback-down", LEVEL]);
    expect(nicknameIn(server.db.orm, player.id)).toBe("Ada");
    expect(progressIn(server.db.orm, "someone-else-entirely")).toEqual({});
    player.close();
  });
});
