/**
 * What a class student may do through play, checked before the play service sees the message:
 * nothing in the lobby; in a paused class only looking (attempt.open), nothing that changes an
 * attempt; after the end, only looking; only the class's unlocked levels; and at most so many
 * messages per second.
 */
import { classStatus, type ClassSnapshot } from "../../game/class-machine";
import type { ClientMessage } from "../../game/protocol";
import type { ClassRow } from "./class-store";
import { waitText, type RateLimiter } from "./rate-limit";
import type { BoundStudent } from "./socket-data";

export const PAUSED_ERROR = "the class is paused by your instructor: your terminal is frozen until they resume it";
export const LOBBY_ERROR = "the class has not started yet: wait for your instructor to start it";
export const ENDED_ERROR = "the class has ended: your work is saved and can be looked at, but not changed";

type PlayMessage = Exclude<ClientMessage, { type: `class.${string}` }>;

export function studentRefusal(student: BoundStudent, row: Pick<ClassRow, "levelIds">, snapshot: ClassSnapshot, message: PlayMessage, limiter: RateLimiter): string | undefined {
  if (message.type === "player.nickname") return "in a class your nickname is the one you joined with";
  const status = classStatus(snapshot);
  if (status === "lobby") return LOBBY_ERROR;
  if (message.type === "attempt.open") {
    const index = row.levelIds.indexOf(message.levelId);
    if (index < 0) return `"${message.levelId}" is not one of this class's levels`;
    if (index >= snapshot.context.unlocked) return `"${message.levelId}" is still locked: your instructor opens the levels one at a time`;
  } else if (status === "paused") return PAUSED_ERROR;
  else if (status === "ended") return ENDED_ERROR;
  const take = limiter.take(student.id);
  if (!take.ok) return `slow down: at most ${limiter.limit.perSecond} commands a second; try again in ${waitText(take.retryAfterMs)}`;
  return undefined;
}
