/** /teach/classes: the instructor's classes, newest first, and the "New class" form. */
import Link from "next/link";
import { catalogTracks } from "@/app/_lib/catalog-data";
import { groupJoinCode } from "@/app/_lib/class-format";
import { ClassStatusBadge } from "@/app/_components/teach/class-status";
import { NewClassForm, type TrackChoice } from "@/app/_components/teach/new-class-form";
import { TeachHeader } from "@/app/_components/teach/teach-header";
import { instructorClasses } from "@/server/classroom/pages";
import { requireInstructor } from "../session";

export const metadata = { title: "Your classes" };
export const dynamic = "force-dynamic";

/** `2030-01-01 10:00 UTC`: the same on every screen, whatever the server's time zone. */
const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

export default async function ClassesPage() {
  const { session, instructor } = await requireInstructor();
  const classes = instructorClasses(session) ?? [];
  const tracks: TrackChoice[] = catalogTracks()
    .filter((t) => t.levels.length > 0)
    .map((t) => ({ id: t.track.id, label: `${t.track.number}. ${t.track.title.en}`, levels: t.levels.map((l) => ({ id: l.id, title: l.title })) }));
  return (
    <>
      <TeachHeader instructor={instructor} />
      <main className="mx-auto grid max-w-6xl gap-8 px-6 py-8 lg:grid-cols-[1fr_24rem]">
        <section aria-labelledby="classes-title">
          <h1 id="classes-title" className="text-3xl font-bold text-white">
            Your classes
          </h1>
          {classes.length === 0 ? (
            <p className="mt-4 text-muted">No classes yet. Create one with the form; its join code goes on the projector.</p>
          ) : (
            <div className="mt-4 overflow-x-auto rounded-lg border border-ink-700">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Your classes, newest first</caption>
                <thead className="bg-ink-900 text-muted">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-semibold">Title</th>
                    <th scope="col" className="px-3 py-2 font-semibold">Code</th>
                    <th scope="col" className="px-3 py-2 font-semibold">State</th>
                    <th scope="col" className="px-3 py-2 text-right font-semibold">Students</th>
                    <th scope="col" className="px-3 py-2 font-semibold">Created</th>
                  </tr>
                </thead>
                <tbody>
                  {classes.map((c) => (
                    <tr key={c.id} data-testid={`class-${c.id}`} className="border-t border-ink-700">
                      <td className="px-3 py-2">
                        <Link href={`/teach/classes/${c.id}`} prefetch={false}>
                          {c.title}
                        </Link>
                      </td>
                      <td className="px-3 py-2 font-mono">{groupJoinCode(c.code)}</td>
                      <td className="px-3 py-2">
                        <ClassStatusBadge status={c.status} />
                      </td>
                      <td className="px-3 py-2 text-right tabular-nums">{c.students}</td>
                      <td className="px-3 py-2 text-muted">
                        <time dateTime={c.createdAt}>{utc(c.createdAt)}</time>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <NewClassForm tracks={tracks} />
      </main>
    </>
  );
}
