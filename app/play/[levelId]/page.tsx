/**
 * The play screen's shell, rendered on the server: title, badges and (when it does not vary
 * per attempt) the briefing, and the player's attempt, opened here so the client component
 * runs the level as soon as it hydrates, without waiting for the socket.
 */
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { Markdown } from "@/app/_components/markdown";
import { LevelMeta } from "@/app/_components/play/level-meta";
import { PlayClient } from "@/app/_components/play/play-client";
import { levelById, nextLevelId } from "@/app/_lib/catalog-data";
import { openAttemptForPage } from "@/server/play/page-attempt";
import { PLAYER_COOKIE } from "@/server/play/player-cookie";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ levelId: string }> };

export async function generateMetadata({ params }: Params) {
  const { levelId } = await params;
  return { title: levelById(levelId)?.summary.title ?? "Level not found" };
}

export default async function PlayPage({ params }: Params) {
  const { levelId } = await params;
  const found = levelById(levelId);
  if (!found) notFound();
  const { level, summary } = found;
  const nextId = nextLevelId(level.id);
  const next = nextId ? levelById(nextId)?.summary : undefined;
  const attempt = openAttemptForPage((await cookies()).get(PLAYER_COOKIE)?.value, level.id);
  return (
    <PlayClient
      levelId={level.id}
      {...(attempt ? { initial: attempt } : {})}
      title={summary.title}
      meta={<LevelMeta level={level} />}
      {...(summary.varies ? {} : { briefing: <Markdown text={level.briefing.en} /> })}
      {...(next ? { next: { id: next.id, title: next.title } } : {})}
    />
  );
}
