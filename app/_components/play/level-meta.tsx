/**
 * The play screen's header badges for a level, rendered on the server: track and level number,
 * build/fix, difficulty and time. Compact below 1440 px wide (the track's number, not its name,
 * and no time estimate), in full above. Shared by /play and /class/play.
 */
import type { Level } from "@/engine/judge/types";
import { TRACK_LIST } from "@/content/level/tracks";
import { Difficulty, ModeBadge } from "@/app/_components/level-badges";

export function LevelMeta({ level }: { level: Level }) {
  const track = TRACK_LIST.find((t) => t.id === level.track);
  const trackName = track ? `Track ${track.number}: ${track.title.en}` : level.track;
  return (
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
}
