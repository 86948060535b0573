/** GET /api/auth/me: 200 {instructor} or 401. */
import { me } from "@/server/classroom/http/auth-routes";
import { sharedHttpDeps } from "@/server/classroom/http/http-deps";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return me(sharedHttpDeps(), request);
}
