/**
 * The play screen's shell, rendered on the server: title, badges and (when it does not vary
 * per attempt) the briefing; the client component connects and runs the level.
 */
import { notFound } from "next/navigation";
import { Markdown } from "@/app/_components/markdown";
import { LevelMeta } from "@/app/_components/play/level-meta";
import { PlayClient } from "@/app/_components/play/play-client";
import { levelById, nextLevelId } from "@/app/_lib/catalog-data";

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
  return (
    <PlayClient
      levelId={level.id}
      title={summary.title}
      meta={<LevelMeta level={level} />}
      {...(summary.varies ? {} : { briefing: <Markdown text={level.briefing.en} /> })}
      {...(next ? { next: { id: next.id, title: next.title } } : {})}
    />
  );
}
