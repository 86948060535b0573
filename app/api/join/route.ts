/** POST /api/join {code, nickname}: 200 {student, class} and the pp_student cookie. */
import { postJoin } from "@/server/classroom/http/join-routes";
import { sharedHttpDeps } from "@/server/classroom/http/http-deps";

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return postJoin(sharedHttpDeps(), request);
}
