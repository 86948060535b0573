/**
 * /join: the join form (the projector's QR code leads here with ?code=...), and, when this
 * browser is already in a class, the way back into it.
 */
import Link from "next/link";
import { cookies } from "next/headers";
import { SiteHeader } from "@/app/_components/site-header";
import { JoinForm } from "@/app/_components/class/join-form";
import { normaliseJoinCode } from "@/app/_lib/join-form";
import { joinedClass, removedFromClass } from "@/server/classroom/pages";

export const metadata = { title: "Join a class" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ code?: string | string[] }> };

export default async function JoinPage({ searchParams }: Props) {
  const { code } = await searchParams;
  const typed = typeof code === "string" ? normaliseJoinCode(code).slice(0, 64) : "";
  const token = (await cookies()).get("pp_student")?.value;
  const joined = joinedClass(token);
  const removed = joined ? undefined : removedFromClass(token);
  return (
    <>
      <SiteHeader current="join" />
      <main className="mx-auto max-w-md px-6 py-10">
        <h1 className="text-3xl font-bold text-white">Join a class</h1>
        <p className="mt-2 text-muted">Your instructor shows a join code. Type it with a nickname, and you are in.</p>
        {joined ? (
          <div className="mt-6 rounded-lg border border-accent/50 bg-ink-900 p-4" data-testid="continue-class">
            <p className="text-fg">
              This browser is in <strong className="text-white">{joined.class.title}</strong> as <strong className="text-white">{joined.student.nickname}</strong>.
            </p>
            <Link href="/class" prefetch={false} className="btn btn-primary mt-3 no-underline">
              Continue in {joined.class.title}
            </Link>
            <p className="mt-3 text-sm text-muted">Or join another class below (this browser then leaves that one).</p>
          </div>
        ) : null}
        {removed ? (
          <p className="mt-6 rounded-lg border border-warn/50 bg-ink-900 p-3 text-sm text-fg">
            Your instructor removed you from <strong className="text-white">{removed.title}</strong>.
          </p>
        ) : null}
        <JoinForm initialCode={typed} />
      </main>
    </>
  );
}
