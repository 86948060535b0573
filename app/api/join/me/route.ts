/** GET /api/join/me: the class this browser's pp_student cookie is in, as the student sees it. */
import { getJoined } from "@/server/classroom/http/join-routes";
import { sharedHttpDeps } from "@/server/classroom/http/http-deps";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return getJoined(sharedHttpDeps(), request);
}
