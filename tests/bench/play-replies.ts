/** The replies the play service gives a student who opens LEVEL with a seed and types lines, on a real SQLite file. */
import { openDatabase } from "../../server/db/open";
import { createPlayService } from "../../server/play/play-service";
import type { ServerReply } from "../../game/protocol";
import { tempDbFile } from "../server/harness";

export const LEVEL = "pod-eth0-bringup";

type Reply<T extends string> = Extract<ServerReply, { ok: true; type: T }>;

export function playReplies(seed: number, lines: (attemptSeed: number) => readonly { host: string; line: string }[]): { opened: Reply<"attempt">; commands: Reply<"command">[] } {
  const { file, cleanup } = tempDbFile();
  const db = openDatabase(file);
  try {
    const service = createPlayService({ orm: db.orm, seedFor: () => seed });
    service.welcome("bench-player");
    const opened = service.handleMessage("bench-player", { v: 1, type: "attempt.open", levelId: LEVEL });
    if (!opened.ok || opened.type !== "attempt") throw new Error(JSON.stringify(opened));
    const commands = lines(opened.attempt.seed).map(({ host, line }, i) => {
      const reply = service.handleMessage("bench-player", { v: 1, type: "attempt.command", attemptId: opened.attempt.id, seq: i + 1, host, line });
      if (!reply.ok || reply.type !== "command") throw new Error(JSON.stringify(reply));
      return reply;
    });
    return { opened, commands };
  } finally {
    db.close();
    cleanup();
  }
}
