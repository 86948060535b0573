/** GET /api/classes/[classId]/students/[studentId]?level=ID: one student's drill-in (owner only, read-only). */
import { getDrill } from "@/server/classroom/http/class-routes";
import { sharedHttpDeps } from "@/server/classroom/http/http-deps";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ classId: string; studentId: string }> }): Promise<Response> {
  const { classId, studentId } = await params;
  return getDrill(sharedHttpDeps(), request, classId, studentId);
}
