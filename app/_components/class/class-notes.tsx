/**
 * The classroom's fixed notes: paused, ended, removed, and a level that cannot be opened.
 * No hooks: used by server pages and client components alike.
 */
import Link from "next/link";
import type { ReactNode } from "react";

/** Over the terminals while the class is paused (data-testid="class-paused"). */
export function PausedNote() {
  return (
    <div role="alert" data-testid="class-paused" className="border-b border-warn/60 bg-warn/15 px-3 py-1.5 text-sm text-fg">
      <strong className="text-warn">Paused by your instructor.</strong> Your terminal is frozen until they resume the class; you can still look around.
    </div>
  );
}

/** Over the terminals once the class has ended (data-testid="class-ended"). */
export function EndedNote() {
  return (
    <div role="status" data-testid="class-ended" className="border-b border-ink-500 bg-ink-800 px-3 py-1.5 text-sm text-fg">
      <strong className="text-white">The class has ended.</strong> Your work is saved: you can look at it, but not change it.
    </div>
  );
}

/** A whole page's message with a way on: removed from the class, a level that is not open. */
export function ClassNotice({ title, children, action }: { title: string; children: ReactNode; action: { href: string; label: string } }) {
  return (
    <main className="mx-auto max-w-xl px-6 py-12">
      <div role="alert" className="rounded-lg border border-ink-600 bg-ink-900 p-5" data-testid="class-notice">
        <h1 className="text-xl font-bold text-white">{title}</h1>
        <div className="mt-2 text-fg">{children}</div>
        <Link href={action.href} prefetch={false} className="btn btn-primary mt-4 no-underline">
          {action.label}
        </Link>
      </div>
    </main>
  );
}

export function RemovedNotice({ classTitle }: { classTitle: string }) {
  return (
    <ClassNotice title="You were removed from this class" action={{ href: "/join", label: "Join a class" }}>
      <p>
        Your instructor removed you from <strong>{classTitle}</strong>. Your work there is kept, but this browser can no longer play in that class. Ask your instructor if
        this was a mistake.
      </p>
    </ClassNotice>
  );
}
