/**
 * /teach/classes/[classId]/projector: what goes on the wall. The join code, large and grouped
 * for reading aloud; the join URL and its QR code; and the lobby filling up live.
 */
import Link from "next/link";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import QRCode from "qrcode";
import { groupJoinCode } from "@/app/_lib/class-format";
import { FullscreenButton } from "@/app/_components/teach/fullscreen-button";
import { ProjectorLobby } from "@/app/_components/teach/projector-lobby";
import { classDashboard } from "@/server/classroom/pages";
import { requireInstructor } from "../../../session";

export const metadata = { title: "Projector" };
export const dynamic = "force-dynamic";

/** This request's origin as the browser saw it (a proxy's x-forwarded-proto wins); a host that is not a host name falls back to localhost. */
async function requestOrigin(): Promise<string> {
  const h = await headers();
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https" ? "https" : "http";
  const host = h.get("x-forwarded-host")?.split(",")[0]?.trim() || h.get("host") || "";
  return `${proto}://${/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) ? host : "localhost"}`;
}

export default async function ProjectorPage({ params }: { params: Promise<{ classId: string }> }) {
  const { classId } = await params;
  const { session } = await requireInstructor();
  const dashboard = classDashboard(session, classId);
  if (!dashboard) notFound();
  const { code } = dashboard.class;
  const joinUrl = `${await requestOrigin()}/join?code=${encodeURIComponent(code)}`;
  const qrSvg = await QRCode.toString(joinUrl, { type: "svg", margin: 1 });
  return (
    <main className="flex min-h-screen flex-col gap-6 p-8 lg:px-12">
      <div className="flex items-start justify-between gap-4">
        <h1 className="text-3xl font-semibold text-muted">{dashboard.class.title}</h1>
        <div className="flex gap-2">
          <FullscreenButton />
          <Link className="btn no-underline" href={`/teach/classes/${classId}`} prefetch={false}>
            Back to the dashboard
          </Link>
        </div>
      </div>
      <div className="grid items-center gap-10 lg:grid-cols-[1fr_auto]">
        <div>
          <p className="text-3xl text-muted">Join at</p>
          <p data-testid="join-url" className="mt-1 break-all font-mono text-2xl text-accent-strong xl:text-3xl">
            {joinUrl}
          </p>
          <p className="mt-6 text-3xl text-muted">with the code</p>
          <p data-testid="join-code" className="whitespace-nowrap font-mono text-[clamp(4rem,9vw,11rem)] font-bold leading-none tracking-widest text-white">
            {groupJoinCode(code)}
          </p>
        </div>
        {/*
          The one raw-HTML injection in the app, and why it is safe: this SVG is drawn on the server by
          our own dependency (qrcode) from a URL we built ourselves (origin + a code from the join-code
          alphabet); nothing a person typed goes into it.
        */}
        <div data-testid="join-qr" role="img" aria-label={`QR code for ${joinUrl}`} className="w-[min(34vw,26rem)] rounded-lg bg-white p-3 [&>svg]:h-auto [&>svg]:w-full" dangerouslySetInnerHTML={{ __html: qrSvg }} />
      </div>
      <ProjectorLobby initial={dashboard} />
    </main>
  );
}
