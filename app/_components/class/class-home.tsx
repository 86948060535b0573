"use client";
/**
 * The student's class page, live: the class's state, the instructor's messages (newest first,
 * as plain text) and the class's levels with this student's progress, each a link while it may
 * be opened. Opens the class socket (class-link.ts) and follows its pushes.
 */
import Link from "next/link";
import { useEffect, useState, useSyncExternalStore } from "react";
import type { StudentClassView, StudentLevelProgress } from "@/game/class-protocol";
import { levelAccess, newestFirst, type ClassView } from "@/app/_lib/class-view";
import { ProgressText } from "@/app/_components/level-badges";
import { ClassLink } from "./class-link";
import { RemovedNotice } from "./class-notes";

interface Props {
  readonly joined: StudentClassView;
  /** The class's levels in class order, with their titles. */
  readonly levels: readonly { readonly id: string; readonly title: string }[];
}

export function ClassHome({ joined, levels }: Props) {
  const [link] = useState(() => new ClassLink(joined));
  const view = useSyncExternalStore(link.subscribe, link.snapshot, link.snapshot);
  useEffect(() => link.connect().close, [link]);
  if (view.removed) return <RemovedNotice classTitle={view.joined.class.title} />;
  const { class: klass, student, messages, progress } = view.joined;
  return (
    <main className="mx-auto max-w-3xl px-6 py-8">
      <p className="text-sm text-muted">
        Class <span className="font-mono text-fg">{klass.code}</span> · you are <span className="text-fg">{student.nickname}</span>
      </p>
      <h1 className="mt-1 text-3xl font-bold text-white">{klass.title}</h1>
      <State view={view} />
      <section aria-labelledby="messages-title" className="mt-8">
        <h2 id="messages-title" className="panel-title">
          From your instructor
        </h2>
        {messages.length === 0 ? <p className="mt-2 text-sm text-faint">No messages yet.</p> : null}
        <ol aria-live="polite" aria-relevant="additions" className="mt-2 space-y-2" data-testid="class-messages">
          {newestFirst(messages).map((m) => (
            <li key={m.id} className="rounded border border-ink-600 bg-ink-900 px-3 py-2">
              <p className="text-xs text-muted">
                {m.to === "student" ? "To you" : "To everyone"} · <time dateTime={m.at}>{new Date(m.at).toISOString().slice(11, 16)} UTC</time>
              </p>
              <p className="mt-0.5 whitespace-pre-wrap break-words text-fg">{m.text}</p>
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="levels-title" className="mt-8">
        <h2 id="levels-title" className="panel-title">
          Levels
        </h2>
        <ol className="mt-2 space-y-2">
          {levels.map((level, i) => {
            const access = levelAccess(klass, level.id);
            const name = (
              <>
                <span className="mr-1.5 font-mono text-sm text-faint">{i + 1}.</span>
                {level.title}
              </>
            );
            return (
              <li key={level.id} className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-ink-700 bg-ink-900 px-3 py-2" data-testid={`class-level-${level.id}`}>
                {access.kind === "playable" ? (
                  <Link href={`/class/play/${level.id}`} prefetch={false} className="font-semibold">
                    {name}
                  </Link>
                ) : (
                  <span className="font-semibold text-muted">{name}</span>
                )}
                <span className="flex items-center gap-2 text-sm">
                  {access.kind === "locked" ? <span className="text-faint">Locked</span> : null}
                  {access.kind === "lobby" ? <span className="text-faint">Opens when the class starts</span> : null}
                  <ProgressText p={progress[level.id]} withStars />
                </span>
              </li>
            );
          })}
        </ol>
      </section>
    </main>
  );
}

function State({ view }: { view: ClassView }) {
  const status = view.joined.class.status;
  return (
    <div className="mt-4" data-testid="class-state" data-status={status}>
      <div role="status" className="rounded-lg border border-ink-600 bg-ink-900 px-4 py-3">
        {status === "lobby" ? (
          <p className="flex items-center gap-2 text-fg">
            <span aria-hidden="true" className="inline-block h-2.5 w-2.5 rounded-full bg-accent motion-safe:animate-pulse" />
            Waiting for your instructor to start the class. This page updates by itself.
          </p>
        ) : null}
        {status === "running" ? <p className="font-semibold text-ok">The class is running: open a level below.</p> : null}
        {status === "paused" ? (
          <p className="font-semibold text-warn" data-testid="class-paused">
            Paused by your instructor: terminals are frozen until they resume the class.
          </p>
        ) : null}
        {status === "ended" ? <p className="text-fg">The class has ended. Your work is saved; you can still look at your levels.</p> : null}
      </div>
      <p className={`mt-2 text-xs ${view.connected && !view.refusal ? "text-muted" : "text-warn"}`}>{view.refusal ?? (view.connected ? "Connected: live." : "Connecting…")}</p>
    </div>
  );
}

