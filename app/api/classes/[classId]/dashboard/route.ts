/** GET /api/classes/[classId]/dashboard: the whole dashboard from the database (owner only). */
import { getDashboard } from "@/server/classroom/http/class-routes";
import { sharedHttpDeps } from "@/server/classroom/http/http-deps";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ classId: string }> }): Promise<Response> {
  return getDashboard(sharedHttpDeps(), request, (await params).classId);
}
