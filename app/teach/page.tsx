/** /teach: sign in or create an instructor account; an instructor already signed in goes to their classes. */
import { redirect } from "next/navigation";
import { SiteHeader } from "@/app/_components/site-header";
import { AuthForms } from "@/app/_components/teach/auth-forms";
import { instructorForSession } from "@/server/classroom/pages";
import { sessionToken } from "./session";

export const metadata = { title: "Teach" };
export const dynamic = "force-dynamic";

export default async function TeachPage() {
  if (instructorForSession(await sessionToken())) redirect("/teach/classes");
  return (
    <>
      <SiteHeader current="teach" />
      <main className="mx-auto max-w-4xl px-6 py-8">
        <h1 className="text-3xl font-bold text-white">Teach with PodPath</h1>
        <p className="mt-2 max-w-2xl text-muted">
          Run a class: pick a track or a set of levels, put the join code on the projector, and follow every student live, level by level. Sign in, or create an account to start.
        </p>
        <AuthForms />
      </main>
    </>
  );
}
