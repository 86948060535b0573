/**
 * The server's half of the play protocol: one validated message in, one reply out. Never
 * throws: a bad payload or a refused action is `{ ok: false, error }` and changes nothing.
 */
import { parseClientMessage, type ClientMessage, type ServerReply } from "../../game/protocol";
import type { Orm } from "../db/open";
import { runAttemptCommand } from "./attempt-command";
import { revealHint, revealSolution } from "./attempt-help";
import { AttemptStates } from "./attempt-states";
import { AttemptStore, type AttemptWrite } from "./attempt-store";
import { undoAttemptCommand } from "./attempt-undo";
import type { PlayContext } from "./context";
import { LevelLibrary } from "./level-library";
import { openAttempt, resetAttempt } from "./open-attempt";
import { PlayError } from "./play-error";
import { warmUp } from "./warm-up";

export interface PlayService {
  /** A player arrived (their cookie was read): make sure they exist. */
  welcome(playerId: string): void;
  handle(playerId: string, raw: unknown): ServerReply;
  /** The same for a message already validated (by a caller that routes on its type first). */
  handleMessage(playerId: string, message: ClientMessage): ServerReply;
  readonly store: AttemptStore;
  /** Plays every level once, touching no table (server/play/warm-up.ts). */
  warmUp(): void;
}

export interface PlayServiceOptions {
  readonly orm: Orm;
  readonly levelsDir?: string;
  /** How many prepared level variants and attempt states to keep in memory. */
  readonly preparedLevels?: number;
  readonly attemptStates?: number;
  /** The seed of a player's new attempt at a level; a random one when this is absent or gives undefined (the classroom's variants). */
  readonly seedFor?: (playerId: string, levelId: string) => number | undefined;
  /** Told of every row the store writes (a play worker keeps its students' dashboard cells with it). */
  readonly onWrite?: (write: AttemptWrite) => void;
  /** Keep this many attempts' rows and logs in memory: only for a play worker, whose batches arm the cache (play-batch.ts). */
  readonly attemptCache?: number;
}

export function createPlayService(options: PlayServiceOptions): PlayService {
  const store = new AttemptStore(options.orm, options.onWrite, options.attemptCache ? { cache: options.attemptCache } : {});
  const ctx: PlayContext = {
    store,
    levels: new LevelLibrary({ ...(options.levelsDir ? { dir: options.levelsDir } : {}), ...(options.preparedLevels ? { capacity: options.preparedLevels } : {}) }),
    states: new AttemptStates(options.attemptStates),
    now: () => new Date().toISOString(),
    ...(options.seedFor ? { seedFor: options.seedFor } : {}),
  };
  const handleMessage = (playerId: string, message: ClientMessage): ServerReply => {
    try {
      return dispatch(ctx, playerId, message);
    } catch (error) {
      if (error instanceof PlayError) return { ok: false, error: error.message };
      console.error(`podpath: ${message.type} failed for player ${playerId}`, error);
      return { ok: false, error: `the server could not handle ${message.type} (an internal error)` };
    }
  };
  return {
    store,
    welcome: (playerId) => store.ensurePlayer(playerId, ctx.now()),
    handle(playerId, raw) {
      const parsed = parseClientMessage(raw);
      return parsed.ok ? handleMessage(playerId, parsed.message) : parsed;
    },
    handleMessage,
    warmUp: () => warmUp(ctx.levels),
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
    default:
      // class.* messages: the classroom (server/classroom) answers them before they reach play.
      return { ok: false, error: `${message.type} needs the classroom, which this server does not run` };
  }
}
