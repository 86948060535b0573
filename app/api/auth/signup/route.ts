/** POST /api/auth/signup {email, password, name?}: 201 {instructor} and the pp_session cookie. */
import { signUp } from "@/server/classroom/http/auth-routes";
import { sharedHttpDeps } from "@/server/classroom/http/http-deps";

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return signUp(sharedHttpDeps(), request);
}
