/**
 * The server's half of the play protocol: one validated message in, one reply out. Never
 * throws: a bad payload or a refused action is `{ ok: false, error }` and changes nothing.
 */
import { parseClientMessage, type ClientMessage, type ServerReply } from "../../game/protocol";
import type { Orm } from "../db/open";
import { runAttemptCommand } from "./attempt-command";
import { revealHint, revealSolution } from "./attempt-help";
import { AttemptStates } from "./attempt-states";
import { AttemptStore } from "./attempt-store";
import { undoAttemptCommand } from "./attempt-undo";
import type { PlayContext } from "./context";
import { LevelLibrary } from "./level-library";
import { openAttempt, resetAttempt } from "./open-attempt";
import { PlayError } from "./play-error";

export interface PlayService {
  /** A player arrived (their cookie was read): make sure they exist. */
  welcome(playerId: string): void;
  handle(playerId: string, raw: unknown): ServerReply;
  readonly store: AttemptStore;
}

export interface PlayServiceOptions {
  readonly orm: Orm;
  readonly levelsDir?: string;
  /** How many prepared level variants and attempt states to keep in memory. */
  readonly preparedLevels?: number;
  readonly attemptStates?: number;
}

export function createPlayService(options: PlayServiceOptions): PlayService {
  const store = new AttemptStore(options.orm);
  const ctx: PlayContext = {
    store,
    levels: new LevelLibrary({ ...(options.levelsDir ? { dir: options.levelsDir } : {}), ...(options.preparedLevels ? { capacity: options.preparedLevels } : {}) }),
    states: new AttemptStates(options.attemptStates),
    now: () => new Date().toISOString(),
  };
  return {
    store,
    welcome: (playerId) => store.ensurePlayer(playerId, ctx.now()),
    handle(playerId, raw) {
      const parsed = parseClientMessage(raw);
      if (!parsed.ok) return parsed;
      try {
        return dispatch(ctx, playerId, parsed.message);
      } catch (error) {
        if (error instanceof PlayError) return { ok: false, error: error.message };
        console.error(`podpath: ${parsed.message.type} failed for player ${playerId}`, error);
        return { ok: false, error: `the server could not handle ${parsed.message.type} (an internal error)` };
      }
    },
  };
}

function dispatch(ctx: PlayContext, playerId: string, message: ClientMessage): ServerReply {
  switch (message.type) {
    case "attempt.open":
      return openAttempt(ctx, playerId, message.levelId);
    case "attempt.command":
      return runAttemptCommand(ctx, playerId, message);
    case "attempt.undo":
      return undoAttemptCommand(ctx, playerId, message.attemptId);
    case "attempt.reset":
      return resetAttempt(ctx, playerId, message.attemptId);
    case "attempt.hint":
      return revealHint(ctx, playerId, message.attemptId);
    case "attempt.solution":
      return revealSolution(ctx, playerId, message.attemptId);
    case "player.nickname":
      ctx.store.setNickname(playerId, message.nickname, ctx.now());
      return { ok: true, type: "nickname", nickname: message.nickname };
  }
}
