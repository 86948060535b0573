/** POST /api/auth/signout: ends the session (and its sockets), clears the cookie. */
import { signOut } from "@/server/classroom/http/auth-routes";
import { sharedHttpDeps } from "@/server/classroom/http/http-deps";

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return signOut(sharedHttpDeps(), request);
}
