/**
 * socket.io's own parser, except that an ack whose one argument is an EncodedReply gets that
 * reply's JSON as is. Everything else is encoded by socket.io's encoder unchanged; the packet's
 * header (type, namespace, ack id) is always its work.
 */
import * as parser from "socket.io-parser";
import { EncodedReply } from "./encoded-reply";

class ReplyEncoder extends parser.Encoder {
  override encode(packet: parser.Packet): ReturnType<parser.Encoder["encode"]> {
    const data: unknown = packet.data;
    if (packet.type === parser.PacketType.ACK && Array.isArray(data) && data.length === 1 && data[0] instanceof EncodedReply) {
      // The header, then the arguments as a JSON array: "[]" with nothing in it, here given its one element.
      const [text] = super.encode({ ...packet, data: [] }) as [string];
      return [`${text.slice(0, -"[]".length)}[${data[0].json}]`];
    }
    return super.encode(packet);
  }
}

export const replyParser = { ...parser, Encoder: ReplyEncoder };
