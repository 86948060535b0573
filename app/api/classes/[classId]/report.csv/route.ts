/** GET /api/classes/[classId]/report.csv: one row per student and level (owner only). */
import { getReport } from "@/server/classroom/http/class-routes";
import { sharedHttpDeps } from "@/server/classroom/http/http-deps";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ classId: string }> }): Promise<Response> {
  return getReport(sharedHttpDeps(), request, (await params).classId);
}
