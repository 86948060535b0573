/** GET /api/classes: the instructor's classes. POST /api/classes: create one (server/classroom/README.md). */
import { listClasses, postClass } from "@/server/classroom/http/class-routes";
import { sharedHttpDeps } from "@/server/classroom/http/http-deps";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return listClasses(sharedHttpDeps(), request);
}

export function POST(request: Request): Promise<Response> {
  return postClass(sharedHttpDeps(), request);
}
