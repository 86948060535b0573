/**
 * How the load process reads the server's acks: only the few facts it uses, without turning
 * every reply into objects. One process plays all the students, so it would otherwise parse
 * every student's replies (an attempt's is about 12 KB: its level and compiled start) on the
 * same two cores as the server it measures, where each student's browser would parse its own
 * on a machine of its own. In a profile of that process at 2,000 students, JSON.parse was a
 * fifth of its busy time, and it waited for a CPU most of the run.
 *
 * `LoadDecoder` is socket.io's decoder, except that a plain ack (packet type 3 on the main
 * namespace, the form every `pp` ack takes) keeps its argument list as text (`UnreadAck`).
 * `ackFacts` then reads what the bench needs from the head of that text, where the server's
 * replies put it; any reply of another shape is parsed whole, so a change in the reply's
 * layout costs speed, never a wrong figure.
 */
import * as parser from "socket.io-parser";

/** An ack's arguments as sent: a JSON array. */
export class UnreadAck {
  constructor(readonly json: string) {}
}

export interface AckFacts {
  readonly ok: boolean;
  readonly error?: string;
  /** An attempt reply's (attempt.open, attempt.reset). */
  readonly attemptId?: string;
  readonly seed?: number;
  /** A command reply's verdict. */
  readonly solved?: boolean;
}

const STRING = String.raw`"(?:[^"\\]|\\.)*"`;
/** The head of an attempt reply: `[{"ok":true,"type":"attempt","attempt":{"id":…,"levelId":…,"seed":…,`. */
const ATTEMPT_HEAD = new RegExp(String.raw`^\[\{"ok":true,"type":"attempt","attempt":\{"id":(${STRING}),"levelId":${STRING},"seed":(-?\d+),`);
/** A command reply: `[{"ok":true,"type":"command","entry":{…},"verdict":{"solved":…`; the entry holds no `{` or `}` outside its strings. */
const COMMAND_HEAD = new RegExp(String.raw`^\[\{"ok":true,"type":"command","entry":\{(?:[^{}"]|${STRING})*\},"verdict":\{"solved":(true|false),`);

/** What the bench needs of one ack argument: a parsed reply, or an UnreadAck's first argument. */
export function ackFacts(reply: unknown): AckFacts {
  if (reply instanceof UnreadAck) {
    const attempt = ATTEMPT_HEAD.exec(reply.json);
    if (attempt) return { ok: true, attemptId: JSON.parse(attempt[1]!) as string, seed: Number(attempt[2]) };
    const command = COMMAND_HEAD.exec(reply.json);
    if (command) return { ok: true, solved: command[1] === "true" };
    let args: unknown;
    try {
      args = JSON.parse(reply.json);
    } catch {
      return { ok: false, error: `an ack that is not JSON: ${reply.json.slice(0, 200)}` };
    }
    return factsOf(Array.isArray(args) ? args[0] : args);
  }
  return factsOf(reply);
}

function factsOf(reply: unknown): AckFacts {
  const r = reply as { ok?: unknown; error?: unknown; attempt?: { id?: unknown; seed?: unknown }; verdict?: { solved?: unknown } } | null;
  if (typeof r !== "object" || r === null || typeof r.ok !== "boolean") return { ok: false, error: `not a reply: ${JSON.stringify(reply)?.slice(0, 200)}` };
  return {
    ok: r.ok,
    ...(typeof r.error === "string" ? { error: r.error } : {}),
    ...(typeof r.attempt?.id === "string" ? { attemptId: r.attempt.id } : {}),
    ...(typeof r.attempt?.seed === "number" ? { seed: r.attempt.seed } : {}),
    ...(typeof r.verdict?.solved === "boolean" ? { solved: r.verdict.solved } : {}),
  };
}

/** A plain ack on the main namespace: "3", the ack id, then the arguments as a JSON array. */
const PLAIN_ACK = /^3(\d+)\[/;

export class LoadDecoder extends parser.Decoder {
  override add(obj: unknown): void {
    const head = typeof obj === "string" ? PLAIN_ACK.exec(obj) : null;
    if (!head) return super.add(obj);
    const json = (obj as string).slice(head[0].length - 1);
    // The one argument the server's acks have, left as text.
    this.emitReserved("decoded", { type: parser.PacketType.ACK, nsp: "/", id: Number(head[1]), data: [new UnreadAck(json)] });
  }
}

/** socket.io-client's `parser` option for the load process. */
export const loadParser = { ...parser, Decoder: LoadDecoder };
