/** GET /api/classes/[classId]: the class (owner only). */
import { getClass } from "@/server/classroom/http/class-routes";
import { sharedHttpDeps } from "@/server/classroom/http/http-deps";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ classId: string }> }): Promise<Response> {
  return getClass(sharedHttpDeps(), request, (await params).classId);
}
