/**
 * /class: the student's class, rendered first from the database (joinedClass), then live over
 * the class socket (ClassHome). No membership: the join page; removed: a page that says so.
 * Served by app/class/[[...path]]/page.tsx.
 */
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { SiteHeader } from "@/app/_components/site-header";
import { ClassHome } from "@/app/_components/class/class-home";
import { RemovedNotice } from "@/app/_components/class/class-notes";
import { levelById } from "@/app/_lib/catalog-data";
import { joinedClass, removedFromClass } from "@/server/classroom/pages";

export async function ClassHomePage() {
  const token = (await cookies()).get("pp_student")?.value;
  const joined = joinedClass(token);
  if (!joined) {
    const removed = removedFromClass(token);
    if (!removed) redirect("/join");
    return (
      <>
        <SiteHeader current="join" />
        <RemovedNotice classTitle={removed.title} />
      </>
    );
  }
  const levels = joined.class.levelIds.map((id) => ({ id, title: levelById(id)?.summary.title ?? id }));
  return (
    <>
      <SiteHeader current="join" />
      <ClassHome key={joined.class.id} joined={joined} levels={levels} />
    </>
  );
}
