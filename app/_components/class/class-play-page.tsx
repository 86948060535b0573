/**
 * /class/play/<level>: a class level on the play screen, played as the class member (ClassPlay
 * over PlayClient). A level that is not the class's, still locked, or a class not started yet
 * gets a page that says so, with the way back to the class. Served by app/class/[[...path]]/page.tsx.
 */
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { Markdown } from "@/app/_components/markdown";
import { LevelMeta } from "@/app/_components/play/level-meta";
import { ClassPlay } from "@/app/_components/class/class-play";
import { ClassNotice, RemovedNotice } from "@/app/_components/class/class-notes";
import { levelById } from "@/app/_lib/catalog-data";
import { levelAccess } from "@/app/_lib/class-view";
import { joinedClass, removedFromClass } from "@/server/classroom/pages";

export async function ClassPlayPage({ levelId }: { levelId: string }) {
  const token = (await cookies()).get("pp_student")?.value;
  const joined = joinedClass(token);
  if (!joined) {
    const removed = removedFromClass(token);
    if (!removed) redirect("/join");
    return <RemovedNotice classTitle={removed.title} />;
  }
  const found = levelById(levelId);
  const access = found ? levelAccess(joined.class, levelId) : ({ kind: "not-in-class", why: `There is no level "${levelId}".` } as const);
  if (!found || access.kind !== "playable") {
    const heading = access.kind === "locked" ? "This level is locked" : access.kind === "lobby" ? "The class has not started" : "Not a level of this class";
    return (
      <ClassNotice title={heading} action={{ href: "/class", label: `Back to ${joined.class.title}` }}>
        <p>{access.kind === "playable" ? "" : access.why}</p>
      </ClassNotice>
    );
  }
  const { level, summary } = found;
  return (
    <ClassPlay
      joined={joined}
      levelId={level.id}
      title={summary.title}
      meta={<LevelMeta level={level} />}
      {...(summary.varies ? {} : { briefing: <Markdown text={level.briefing.en} /> })}
    />
  );
}
