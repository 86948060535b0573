"use client";
/**
 * The play screen in class mode: PlayClient over the student's class socket, with the class bar
 * above it, frozen while the class is paused and after it ends. Only the /class/play route loads
 * this, so none of it is in the plain play page's script.
 */
import { useCallback, useState, useSyncExternalStore, type ReactNode } from "react";
import type { StudentClassView } from "@/game/class-protocol";
import { levelAccess } from "@/app/_lib/class-view";
import { PlayClient } from "@/app/_components/play/play-client";
import { ClassLink } from "./class-link";
import { ClassBar } from "./class-bar";
import { EndedNote, PausedNote, RemovedNotice } from "./class-notes";

interface Props {
  readonly joined: StudentClassView;
  readonly levelId: string;
  readonly title: string;
  readonly meta: ReactNode;
  readonly briefing?: ReactNode;
  /** The class's next level, if it has one. */
  readonly next?: { readonly id: string; readonly title: string };
}

export function ClassPlay({ joined, levelId, title, meta, briefing, next }: Props) {
  const [link] = useState(() => new ClassLink(joined));
  const view = useSyncExternalStore(link.subscribe, link.snapshot, link.snapshot);
  const connect = useCallback((onConnected: (connected: boolean) => void) => link.connect(onConnected), [link]);
  if (view.removed) return <RemovedNotice classTitle={view.joined.class.title} />;
  const klass = view.joined.class;
  const frozen = klass.status === "paused" ? <PausedNote /> : klass.status === "ended" ? <EndedNote /> : undefined;
  const nextOpen = next && levelAccess(klass, next.id).kind === "playable" ? { ...next, href: `/class/play/${next.id}` } : undefined;
  return (
    <PlayClient
      levelId={levelId}
      title={title}
      meta={meta}
      briefing={briefing}
      connect={connect}
      bar={<ClassBar view={view} />}
      frozen={frozen}
      home="/class"
      {...(nextOpen ? { next: nextOpen } : {})}
    />
  );
}
