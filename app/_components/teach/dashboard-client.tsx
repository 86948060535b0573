"use client";
/**
 * The live dashboard's wiring: the watched view (use-class-watch), the controls, the grid, and
 * the drill-in of the student the instructor clicked (class.drill, its drill.update pushes,
 * class.undrill on close; asked again after a reconnect).
 */
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ClassMessageView, DashboardView, DrillView, ServerPush } from "@/game/class-protocol";
import { groupJoinCode } from "@/app/_lib/class-format";
import { BroadcastForm, LifecycleControls } from "./class-controls";
import { ClassStatusBadge } from "./class-status";
import { ClassTotals } from "./class-totals";
import { DashboardGrid } from "./dashboard-grid";
import { DrillPanel } from "./drill-panel";
import { useClassWatch } from "./use-class-watch";
import { V } from "./class-socket";

interface Selection {
  readonly studentId: string;
  readonly levelId?: string;
}

export function DashboardClient({ initial }: { initial: DashboardView }) {
  const [selected, setSelected] = useState<Selection>();
  const [drill, setDrill] = useState<DrillView>();
  const [drillError, setDrillError] = useState<string>();
  const [messages, setMessages] = useState<readonly ClassMessageView[]>([]);
  const selectedRef = useRef<Selection | undefined>(undefined);
  useEffect(() => {
    selectedRef.current = selected;
  }, [selected]);

  const addMessage = useCallback((m: ClassMessageView) => setMessages((list) => (list.some((x) => x.id === m.id) ? list : [...list, m])), []);
  const onPush = useCallback(
    (push: ServerPush) => {
      if (push.type === "class.message") addMessage(push.message);
      if (push.type === "drill.update") {
        const sel = selectedRef.current;
        if (sel && sel.studentId === push.drill.student.id && (!sel.levelId || sel.levelId === push.drill.levelId)) setDrill(push.drill);
      }
    },
    [addMessage],
  );
  const watch = useClassWatch(initial, onPush);
  const { view, send, epoch } = watch;
  const classId = view.class.id;

  // Ask for the drill-in whenever the selection changes, and again after each (re)connection.
  const studentId = selected?.studentId;
  const levelId = selected?.levelId;
  useEffect(() => {
    if (!studentId || epoch === 0) return;
    let current = true;
    void send({ v: V, type: "class.drill", classId, studentId, ...(levelId ? { levelId } : {}) }).then((reply) => {
      if (!current) return;
      if (!reply.ok) return setDrillError(reply.error);
      setDrillError(undefined);
      if (reply.type === "drill") setDrill(reply.drill);
    });
    return () => {
      current = false;
    };
  }, [studentId, levelId, epoch, classId, send]);

  const onSelect = useCallback((id: string, level?: string) => {
    setSelected((old) => (old?.studentId === id && old.levelId === level ? old : { studentId: id, ...(level ? { levelId: level } : {}) }));
    setDrill((old) => (old?.student.id === id ? old : undefined));
    setDrillError(undefined);
  }, []);
  const close = useCallback(() => {
    setSelected(undefined);
    setDrill(undefined);
    setDrillError(undefined);
    void send({ v: V, type: "class.undrill", classId });
  }, [send, classId]);

  // A student removed (here or elsewhere) takes their drill-in with them.
  const present = !studentId || view.students.some((s) => s.id === studentId);
  useEffect(() => {
    if (!present) close();
  }, [present, close]);

  async function remove() {
    if (!studentId) return;
    const nickname = view.students.find((s) => s.id === studentId)?.nickname ?? "this student";
    if (!window.confirm(`Remove ${nickname} from the class? Their browser leaves the class and their nickname stays taken.`)) return;
    const reply = await send({ v: V, type: "class.remove", classId, studentId });
    if (!reply.ok) return setDrillError(reply.error);
    close();
  }

  return (
    <main className="mx-auto flex max-w-[1800px] flex-col gap-4 px-4 py-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold text-white">{view.class.title}</h1>
          <ClassStatusBadge status={view.class.status} />
          <span className="text-muted">
            Join code{" "}
            <span data-testid="dashboard-join-code" className="font-mono text-lg font-bold tracking-wider text-white">
              {groupJoinCode(view.class.code)}
            </span>
          </span>
          <span role="status" className={`text-sm ${watch.connected ? "text-ok" : "text-warn"}`} data-testid="connection">
            {watch.connected ? "live" : "reconnecting…"}
          </span>
        </div>
        <nav aria-label="This class" className="flex gap-2">
          <Link className="btn no-underline" href={`/teach/classes/${classId}/projector`} prefetch={false}>
            Projector view
          </Link>
          <Link className="btn no-underline" href={`/teach/classes/${classId}/report`} prefetch={false}>
            Report
          </Link>
        </nav>
      </div>
      {watch.problem ? (
        <p role="alert" className="text-sm text-bad">
          {watch.problem}
        </p>
      ) : null}

      <ClassTotals totals={view.totals} />

      <div className="grid gap-4 rounded-lg border border-ink-700 bg-ink-900 p-3 md:grid-cols-2">
        <LifecycleControls view={view} watch={watch} />
        <BroadcastForm view={view} watch={watch} messages={messages} />
      </div>

      <div className="flex flex-col gap-4 xl:flex-row xl:items-start">
        <div className="min-w-0 flex-1">
          <DashboardGrid view={view} selectedStudent={studentId} onSelect={onSelect} />
        </div>
        {studentId ? (
          <DrillPanel
            view={view}
            studentId={studentId}
            drill={drill}
            error={drillError}
            pickedLevel={levelId}
            onPickLevel={(level) => onSelect(studentId, level)}
            onRemove={() => void remove()}
            onClose={close}
          />
        ) : null}
      </div>
    </main>
  );
}
