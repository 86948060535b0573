/** The catalog: every track in curriculum order with its levels and the player's progress. */
import Link from "next/link";
import { cookies } from "next/headers";
import { SiteHeader } from "@/app/_components/site-header";
import { Difficulty, ModeBadge, ProgressText, Stars } from "@/app/_components/level-badges";
import { catalogTracks, type LevelSummary } from "@/app/_lib/catalog-data";
import { playerProgress } from "@/server/play/progress";

export const metadata = { title: "Levels" };
export const dynamic = "force-dynamic";

type Progress = ReturnType<typeof playerProgress>;
type LevelProgress = Progress[string];

async function readProgress(): Promise<Progress> {
  const playerId = (await cookies()).get("pp_player")?.value;
  if (!playerId) return {};
  try {
    return playerProgress(playerId);
  } catch (error) {
    console.error("podpath: could not read the player's progress", error);
    return {};
  }
}

function LevelCard({ level, progress }: { level: LevelSummary; progress: LevelProgress | undefined }) {
  const solved = progress?.status === "solved";
  return (
    <li>
      <Link
        href={`/play/${level.id}`}
        className={`group flex h-full flex-col gap-2 rounded-lg border bg-ink-900 p-3 text-fg no-underline transition-colors hover:border-accent hover:bg-ink-850 ${solved ? "border-ok/50" : "border-ink-700"}`}
      >
        <span className="flex items-start justify-between gap-2">
          <span className="font-semibold leading-snug text-white group-hover:text-accent-strong">
            <span className="mr-1.5 font-mono text-sm text-faint">{level.order}.</span>
            {level.title}
          </span>
          <ModeBadge mode={level.mode} />
        </span>
        <span className="mt-auto flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
          <Difficulty value={level.difficulty} />
          <span className="text-muted">~{level.minutes} min</span>
          <span className="ml-auto flex items-center gap-2">
            <ProgressText p={progress} />
            {solved ? <Stars count={progress?.stars ?? 0} /> : null}
          </span>
        </span>
      </Link>
    </li>
  );
}

export default async function CatalogPage() {
  const progress = await readProgress();
  const tracks = catalogTracks();
  const all = tracks.flatMap((t) => t.levels);
  const solved = all.filter((l) => progress[l.id]?.status === "solved").length;
  return (
    <>
      <SiteHeader current="play" />
      <main className="mx-auto max-w-6xl px-6 py-8">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-3xl font-bold text-white">Levels</h1>
            <p className="mt-1 text-muted">Seven tracks, from a single pod&apos;s namespace to NodePorts. Each builds on the one before; start anywhere you like.</p>
          </div>
          <p className="text-sm text-muted" aria-live="polite">
            {solved} of {all.length} solved
          </p>
        </div>
        {tracks.map(({ track, levels }) => (
          <section key={track.id} aria-labelledby={`track-${track.id}`} className="mt-8">
            <h2 id={`track-${track.id}`} className="text-xl font-semibold text-white">
              <span className="mr-2 font-mono text-accent-strong">{track.number}</span>
              {track.title.en}
            </h2>
            <p className="mt-0.5 text-sm text-muted">{track.summary.en}</p>
            <ul className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
              {levels.map((level) => (
                <LevelCard key={level.id} level={level} progress={progress[level.id]} />
              ))}
            </ul>
          </section>
        ))}
      </main>
    </>
  );
}
