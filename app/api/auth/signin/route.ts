/** POST /api/auth/signin {email, password}: 200 {instructor} and the pp_session cookie. */
import { signIn } from "@/server/classroom/http/auth-routes";
import { sharedHttpDeps } from "@/server/classroom/http/http-deps";

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return signIn(sharedHttpDeps(), request);
}
