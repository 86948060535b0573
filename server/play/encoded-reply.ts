/**
 * A reply already turned into JSON where it was made (a play worker): it crosses to the main
 * thread as one string and goes out in the socket's ack as is (reply-parser.ts splices it into
 * the packet), so the main thread neither rebuilds it as objects nor serializes it again. The
 * client receives exactly the text it would have received for the reply object.
 */
import type { ServerReply } from "../../game/protocol";
import type { CellRow } from "../classroom/dashboard-query";
import { objectJson } from "./kept-json";

/** What the server itself needs to know of a reply: whether it succeeded, and which attempt it opened. */
export interface ReplyNote {
  readonly ok: boolean;
  readonly attempt?: { readonly id: string; readonly levelId: string };
  /** A play worker's: the dashboard cells the reply's writes changed, as they are now (cell-tracker.ts). */
  readonly cells?: readonly CellRow[];
}

export class EncodedReply {
  constructor(
    readonly json: string,
    readonly note: ReplyNote,
  ) {}

  /** The reply as objects again (for tests and diagnostics; the server sends `json`). */
  decode(): ServerReply {
    return JSON.parse(this.json) as ServerReply;
  }
}

export type AnyReply = ServerReply | EncodedReply;

export function replyNote(reply: AnyReply): ReplyNote {
  if (reply instanceof EncodedReply) return reply.note;
  if (reply.ok && reply.type === "attempt") return { ok: true, attempt: { id: reply.attempt.id, levelId: reply.attempt.levelId } };
  return { ok: reply.ok };
}

/** JSON.stringify(reply), the same text, reusing the JSON kept on its verdict, level and compiled start (kept-json.ts). */
export function encodeReply(reply: ServerReply): EncodedReply {
  return new EncodedReply(objectJson(reply, ["attempt"]), replyNote(reply));
}
