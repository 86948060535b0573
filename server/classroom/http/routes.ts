/**
 * Every classroom route: method, path pattern and handler. Next's route files under app/api
 * call these same handlers; server/main.ts serves this table directly when it runs without Next.
 */
import { me, signIn, signOut, signUp } from "./auth-routes";
import { getClass, getDashboard, getDrill, getReport, listClasses, postClass } from "./class-routes";
import type { HttpDeps } from "./http-deps";
import { getJoined, postJoin } from "./join-routes";

export type Handler = (deps: HttpDeps, request: Request, params: Readonly<Record<string, string>>) => Promise<Response>;

export interface Route {
  readonly method: "GET" | "POST";
  /** Segments; `:name` captures one. */
  readonly path: string;
  readonly handler: Handler;
}

export const ROUTES: readonly Route[] = [
  { method: "POST", path: "/api/auth/signup", handler: (d, r) => signUp(d, r) },
  { method: "POST", path: "/api/auth/signin", handler: (d, r) => signIn(d, r) },
  { method: "POST", path: "/api/auth/signout", handler: (d, r) => signOut(d, r) },
  { method: "GET", path: "/api/auth/me", handler: (d, r) => me(d, r) },
  { method: "GET", path: "/api/classes", handler: (d, r) => listClasses(d, r) },
  { method: "POST", path: "/api/classes", handler: (d, r) => postClass(d, r) },
  { method: "GET", path: "/api/classes/:classId", handler: (d, r, p) => getClass(d, r, p.classId!) },
  { method: "GET", path: "/api/classes/:classId/dashboard", handler: (d, r, p) => getDashboard(d, r, p.classId!) },
  { method: "GET", path: "/api/classes/:classId/students/:studentId", handler: (d, r, p) => getDrill(d, r, p.classId!, p.studentId!) },
  { method: "GET", path: "/api/classes/:classId/report.csv", handler: (d, r, p) => getReport(d, r, p.classId!) },
  { method: "POST", path: "/api/join", handler: (d, r) => postJoin(d, r) },
  { method: "GET", path: "/api/join/me", handler: (d, r) => getJoined(d, r) },
];

export type Match = { route: Route; params: Record<string, string> } | { allowed: string[] } | undefined;

/** The route for a method and path; `{ allowed }` when the path exists for other methods only. */
export function matchRoute(method: string, pathname: string): Match {
  const parts = pathname.replace(/\/+$/, "").split("/");
  const allowed: string[] = [];
  for (const route of ROUTES) {
    const pattern = route.path.split("/");
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const fits = pattern.every((seg, i) => {
      if (seg.startsWith(":")) {
        try {
          params[seg.slice(1)] = decodeURIComponent(parts[i]!);
        } catch {
          return false;
        }
        return parts[i] !== "";
      }
      return seg === parts[i];
    });
    if (!fits) continue;
    if (route.method === method) return { route, params };
    allowed.push(route.method);
  }
  return allowed.length ? { allowed } : undefined;
}
