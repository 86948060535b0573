/** /teach/classes/[classId]: the live dashboard, first rendered from the database, then kept live by its socket. */
import { notFound } from "next/navigation";
import { DashboardClient } from "@/app/_components/teach/dashboard-client";
import { TeachHeader } from "@/app/_components/teach/teach-header";
import { classDashboard } from "@/server/classroom/pages";
import { requireInstructor } from "../../session";

export const metadata = { title: "Class dashboard" };
export const dynamic = "force-dynamic";

export default async function DashboardPage({ params }: { params: Promise<{ classId: string }> }) {
  const { classId } = await params;
  const { session, instructor } = await requireInstructor();
  const dashboard = classDashboard(session, classId);
  if (!dashboard) notFound();
  return (
    <>
      <TeachHeader instructor={instructor} wide />
      <DashboardClient key={classId} initial={dashboard} />
    </>
  );
}
