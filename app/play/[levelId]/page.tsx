/**
 * The play screen's shell, rendered on the server: title, badges and (when it does not vary
 * per attempt) the briefing; the client component connects and runs the level.
 */
import { notFound } from "next/navigation";
import { TRACK_LIST } from "@/content/level/tracks";
import { Difficulty, ModeBadge } from "@/app/_components/level-badges";
import { Markdown } from "@/app/_components/markdown";
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
  const track = TRACK_LIST.find((t) => t.id === level.track);
  const nextId = nextLevelId(level.id);
  const next = nextId ? levelById(nextId)?.summary : undefined;
  // Compact below 1440 px wide (the track's number, not its name, and no time estimate), in full above.
  const trackName = track ? `Track ${track.number}: ${track.title.en}` : level.track;
  const meta = (
    <>
      <span className="whitespace-nowrap text-muted" title={`${trackName}, level ${level.order}, about ${level.minutes} min`}>
        {track ? (
          <>
            Track {track.number}
            <span className="hidden min-[1440px]:inline">: {track.title.en}</span>
          </>
        ) : (
          level.track
        )}{" "}
        · level {level.order}
      </span>
      <ModeBadge mode={level.mode} />
      <Difficulty value={level.difficulty} />
      <span className="hidden whitespace-nowrap text-muted min-[1440px]:inline">~{level.minutes} min</span>
    </>
  );
  return (
    <PlayClient
      levelId={level.id}
      title={summary.title}
      meta={meta}
      {...(summary.varies ? {} : { briefing: <Markdown text={level.briefing.en} /> })}
      {...(next ? { next: { id: next.id, title: next.title } } : {})}
    />
  );
}
