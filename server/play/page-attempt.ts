/**
 * The play page's server render opens the player's attempt with the socket server's own play
 * service, so the screen starts from the HTML instead of waiting for a socket and a reply.
 * Next bundles its own copy of the server modules, so the service is reached through
 * globalThis, like the database handle (server/db/shared.ts). Without it (a server that did
 * not share one), the page opens the attempt over the socket as before.
 */
import { PROTOCOL_VERSION, type AttemptView } from "../../game/protocol";
import type { PlayService } from "./play-service";
import { isPlayerId } from "./player-cookie";

const SERVICE = Symbol.for("podpath.play.service");
type Holder = { [SERVICE]?: PlayService };

/** Called once by the socket server (server/main.ts) with the service it answers with. */
export function sharePlayService(service: PlayService): void {
  (globalThis as Holder)[SERVICE] = service;
}

/** The player's active attempt at the level (made if there is none), or undefined if it cannot be opened here. */
export function openAttemptForPage(playerId: string | undefined, levelId: string): AttemptView | undefined {
  const service = (globalThis as Holder)[SERVICE];
  if (!service || playerId === undefined || !isPlayerId(playerId)) return undefined;
  try {
    service.welcome(playerId);
  } catch (error) {
    console.error("podpath: cannot record a player", error);
    return undefined;
  }
  const reply = service.handleMessage(playerId, { v: PROTOCOL_VERSION, type: "attempt.open", levelId });
  return reply.ok && reply.type === "attempt" ? reply.attempt : undefined;
}
