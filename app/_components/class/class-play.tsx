"use client";
/**
 * The play screen in class mode: PlayClient over the student's class socket, with the class bar
 * above it, frozen while the class is paused and after it ends. Only the /class route loads
 * this, so none of it is in the plain play page's script. No "next level" link: the way on is
 * the class page (the bar's link, and "Back to the levels" once solved), which knows what is open.
 */
import { useCallback, useState, useSyncExternalStore, type ReactNode } from "react";
import type { StudentClassView } from "@/game/class-protocol";
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
}

export function ClassPlay({ joined, levelId, title, meta, briefing }: Props) {
  const [link] = useState(() => new ClassLink(joined));
  const view = useSyncExternalStore(link.subscribe, link.snapshot, link.snapshot);
  const connect = useCallback((onConnected: (connected: boolean) => void) => link.connect(onConnected), [link]);
  if (view.removed) return <RemovedNotice classTitle={view.joined.class.title} />;
  const klass = view.joined.class;
  const frozen = klass.status === "paused" ? <PausedNote /> : klass.status === "ended" ? <EndedNote /> : undefined;
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
    />
  );
}
