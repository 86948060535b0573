/**
 * The play page's server render opens the attempt with the socket server's play service
 * (server/play/page-attempt.ts): the same attempt the socket then sees, over a real SQLite
 * file and a real socket.io connection.
 */
import { afterEach, describe, expect, it } from "vitest";
import { openAttemptForPage, sharePlayService } from "../../server/play/page-attempt";
import { newId } from "../../server/play/ids";
import { command, connectPlayer, expectOk, openLevel, startPlayServer, tempDbFile, type PlayServer } from "./harness";

const LEVEL = "svc-reach-service-b";
const SOLUTION = "iptables -t nat -A PREROUTING -d 10.96.0.20/32 -p tcp --dport 80 -j DNAT --to-destination 10.244.0.3:8080";

let running: { server: PlayServer; cleanup: () => void } | undefined;
afterEach(async () => {
  await running?.server.close();
  running?.cleanup();
  running = undefined;
});

async function start(): Promise<PlayServer> {
  const temp = tempDbFile();
  const server = await startPlayServer(temp.file);
  running = { server, cleanup: temp.cleanup };
  sharePlayService(server.service);
  return server;
}

describe("the play page's attempt", () => {
  it("is the player's one active attempt, new or as the socket left it", async () => {
    const server = await start();
    const playerId = newId();
    const first = openAttemptForPage(playerId, LEVEL);
    expect(first).toMatchObject({ levelId: LEVEL, log: [], verdict: { solved: false } });
    // The page made the player and the attempt: the socket opens the same one and plays on it.
    const player = await connectPlayer(server.url, playerId);
    expect((await openLevel(player, LEVEL)).id).toBe(first!.id);
    expectOk(await player.send(command(first!.id, 1, "node1", SOLUTION)), "command");
    player.close();
    const again = openAttemptForPage(playerId, LEVEL);
    expect(again?.id).toBe(first!.id);
    expect(again?.log).toHaveLength(1);
    expect(again?.verdict.solved).toBe(true);
  });

  it("opens nothing for a missing or malformed player id, or a level that does not exist", async () => {
    const server = await start();
    expect(openAttemptForPage(undefined, LEVEL)).toBeUndefined();
    expect(openAttemptForPage("not a player id!", LEVEL)).toBeUndefined();
    expect(openAttemptForPage(newId(), "no-such-level")).toBeUndefined();
    const count = (table: string) => (server.db.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    expect(count("attempts")).toBe(0);
  });
});
