/**
 * /teach/classes/[classId]/report: every student at every level of the class (solved, time,
 * commands, hints, stars), the same rows as report.csv, which it links to for download.
 */
import Link from "next/link";
import { notFound } from "next/navigation";
import { Stars } from "@/app/_components/level-badges";
import { ClassStatusBadge } from "@/app/_components/teach/class-status";
import { TeachHeader } from "@/app/_components/teach/teach-header";
import { formatSeconds } from "@/app/_lib/class-format";
import { classReport } from "@/server/classroom/pages";
import { requireInstructor } from "../../../session";

export const metadata = { title: "Class report" };
export const dynamic = "force-dynamic";

export default async function ReportPage({ params }: { params: Promise<{ classId: string }> }) {
  const { classId } = await params;
  const { session, instructor } = await requireInstructor();
  const report = classReport(session, classId);
  if (!report) notFound();
  const title = new Map(report.levels.map((l) => [l.id, l.title]));
  const students = new Set(report.rows.map((r) => r.studentId)).size;
  const solved = report.rows.filter((r) => r.solved).length;
  return (
    <>
      <TeachHeader instructor={instructor} wide />
      <main className="mx-auto flex max-w-[1800px] flex-col gap-4 px-6 py-6">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-bold text-white">Report: {report.class.title}</h1>
            <ClassStatusBadge status={report.class.status} />
          </div>
          <nav aria-label="This class" className="flex gap-2">
            <Link className="btn no-underline" href={`/teach/classes/${classId}`} prefetch={false}>
              Dashboard
            </Link>
            <a className="btn btn-primary no-underline" href={`/api/classes/${classId}/report.csv`} download>
              Download CSV
            </a>
          </nav>
        </div>
        <p className="text-muted">
          {students} {students === 1 ? "student" : "students"}, {report.levels.length} {report.levels.length === 1 ? "level" : "levels"}: {solved} of {report.rows.length} solved. Time is from a
          student&apos;s first start of a level to their first solve.
        </p>
        {report.rows.length === 0 ? (
          <p className="rounded-lg border border-ink-700 bg-ink-900 p-4 text-muted">No students joined this class.</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-ink-700">
            <table data-testid="report-table" className="w-full text-left text-sm">
              <caption className="sr-only">Each student at each level of the class</caption>
              <thead className="bg-ink-900 text-muted">
                <tr>
                  <th scope="col" className="px-3 py-2">Student</th>
                  <th scope="col" className="px-3 py-2">Level</th>
                  <th scope="col" className="px-3 py-2">Solved</th>
                  <th scope="col" className="px-3 py-2 text-right">Time</th>
                  <th scope="col" className="px-3 py-2 text-right">Commands</th>
                  <th scope="col" className="px-3 py-2 text-right">Hints</th>
                  <th scope="col" className="px-3 py-2">Stars</th>
                  <th scope="col" className="px-3 py-2">Solution shown</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r, i) => {
                  const first = i === 0 || report.rows[i - 1]!.studentId !== r.studentId;
                  return (
                    <tr key={`${r.studentId}-${r.levelId}`} data-testid={`report-${r.studentId}-${r.levelId}`} className={first ? "border-t border-ink-600" : "border-t border-ink-800"}>
                      <th scope="row" className={`px-3 py-1.5 font-normal ${first ? "text-white" : "text-faint"}`}>
                        {r.student}
                      </th>
                      <td className="px-3 py-1.5">{title.get(r.levelId) ?? r.levelId}</td>
                      <td className={`px-3 py-1.5 ${r.solved ? "text-ok" : "text-muted"}`}>{r.solved ? "yes" : "no"}</td>
                      <td className="px-3 py-1.5 text-right tabular-nums">{formatSeconds(r.timeSeconds)}</td>
                      <td className="px-3 py-1.5 text-right tabular-nums">{r.commands}</td>
                      <td className="px-3 py-1.5 text-right tabular-nums">{r.hintsUsed}</td>
                      <td className="px-3 py-1.5">{r.solved ? <Stars count={r.stars} size="text-sm" /> : <span className="text-muted">–</span>}</td>
                      <td className="px-3 py-1.5">{r.solutionShown ? "yes" : "no"}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </main>
    </>
  );
}
