/**
 * attempt.command: run one line on the attempt's current state, judge, and store the entry and
 * its verdict (one row) in one transaction before answering. Refused lines are stored too; they change nothing.
 */
import { judge, type NetState, type PreparedLevel } from "../../engine/index";
import { runCommand, summarize, type CommandResult } from "../../game/attempt";
import type { ClientMessage, LogEntry, ServerReply } from "../../game/protocol";
import { currentVerdict } from "./attempt-view";
import { firstSolve } from "./first-solve";
import { loadOwnActiveAttempt, type LoadedAttempt, type PlayContext } from "./context";
import { PlayError } from "./play-error";

type CommandMessage = Extract<ClientMessage, { type: "attempt.command" }>;

export function runAttemptCommand(ctx: PlayContext, playerId: string, message: CommandMessage): ServerReply {
  const attempt = loadOwnActiveAttempt(ctx, playerId, message.attemptId);
  const nextSeq = attempt.log.length + 1;
  if (message.seq < nextSeq) return storedReply(ctx, attempt, message);
  if (message.seq > nextSeq) throw new PlayError(`seq ${message.seq} skips ahead: this attempt's next command is seq ${nextSeq}`);

  const { row, prepared } = attempt;
  const before = ctx.states.current(row.id, prepared, attempt.log);
  const result = safeRun(prepared, before, message.host, message.line);
  const entry = logEntry(message, result);
  const log = [...attempt.log, entry];
  const verdict = result.ok && result.changed ? summarize(judge(prepared, result.state)) : currentVerdict(ctx, attempt);
  const solve = firstSolve(ctx, attempt, verdict, log);

  ctx.store.transaction(() => {
    const now = ctx.now();
    ctx.store.insertCommand(row.id, entry, verdict, now);
    if (solve) ctx.store.updateAttempt(row.id, solve);
  });
  if (result.ok) ctx.states.remember(row.id, log, result.state);
  return { ok: true, type: "command", entry, verdict, stars: solve?.stars ?? row.stars };
}

/** A resent seq (its ack was lost) gets the answer it got the first time; a different line under that seq is refused. */
function storedReply(ctx: PlayContext, attempt: LoadedAttempt, message: CommandMessage): ServerReply {
  const entry = attempt.log[message.seq - 1]!;
  if (entry.host !== message.host || entry.line !== message.line) {
    throw new PlayError(`seq ${message.seq} is already "${entry.host}: ${entry.line}"; this attempt's next command is seq ${attempt.log.length + 1}`);
  }
  const verdict = ctx.store.commandVerdict(attempt.row.id, message.seq) ?? currentVerdict(ctx, attempt);
  return { ok: true, type: "command", entry, verdict, stars: attempt.row.stars };
}

/** The engine is written never to throw; if it does anyway, the line is refused, not the server brought down. */
function safeRun(prepared: PreparedLevel, state: NetState, host: string, line: string): CommandResult {
  try {
    return runCommand(prepared, state, host, line);
  } catch (error) {
    console.error(`podpath: the engine threw on ${host}: ${JSON.stringify(line)}`, error);
    return { ok: false, error: "the simulator could not run this command" };
  }
}

function logEntry(message: CommandMessage, result: CommandResult): LogEntry {
  const { seq, host, line } = message;
  if (!result.ok) return { seq, host, line, accepted: false, error: result.error, changed: false, undone: false };
  return { seq, host, line, accepted: true, ...(result.output ? { output: result.output } : {}), changed: result.changed, undone: false };
}
