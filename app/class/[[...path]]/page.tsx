/**
 * The student's class: /class (ClassHomePage) and /class/play/<level> (ClassPlayPage).
 *
 * One route for both on purpose. Turbopack puts modules into chunks by the exact set of routes
 * that use them; with /class and /class/play as two routes, the modules /class shares with
 * /play (socket.io-client, the acked send) would make a bucket of their own, cutting the plain
 * play page's script into one more chunk and costing it about 0.6 KB gzipped. As one route,
 * every play module is used by the same two routes (/play and this one) and /play's chunks stay
 * as they were. The class page thus also loads the play screen's script, which it needs next.
 */
import { notFound } from "next/navigation";
import { ClassHomePage } from "@/app/_components/class/class-home-page";
import { ClassPlayPage } from "@/app/_components/class/class-play-page";
import { levelById } from "@/app/_lib/catalog-data";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ path?: string[] }> };

/** Which of the two views a path is: [] the class, ["play", id] a level. */
function view(path: readonly string[] | undefined): { kind: "home" } | { kind: "play"; levelId: string } | undefined {
  if (!path || path.length === 0) return { kind: "home" };
  if (path.length === 2 && path[0] === "play") return { kind: "play", levelId: path[1]! };
  return undefined;
}

export async function generateMetadata({ params }: Params) {
  const v = view((await params).path);
  if (v?.kind === "play") return { title: levelById(v.levelId)?.summary.title ?? "Level not found" };
  return { title: "Your class" };
}

export default async function ClassRoute({ params }: Params) {
  const v = view((await params).path);
  if (!v) notFound();
  return v.kind === "home" ? <ClassHomePage /> : <ClassPlayPage levelId={v.levelId} />;
}
