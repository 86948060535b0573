"use client";
/**
 * The instructor's controls: the class's lifecycle (each button only where the state allows
 * it), opening the next level with instructor pacing, and a message to everyone or to one
 * student. Every action is a socket request; a refusal shows the server's own sentence.
 */
import { useState, type FormEvent } from "react";
import type { ClassMessageView, DashboardView } from "@/game/class-protocol";
import type { ServerReply } from "@/game/protocol";
import type { ClassWatch } from "./use-class-watch";
import { V } from "./class-socket";

const MAX_MESSAGE = 1000;
type Outcome = { ok: boolean; text: string } | undefined;

function describe(reply: ServerReply, done: string): Outcome {
  return reply.ok ? { ok: true, text: done } : { ok: false, text: reply.error };
}

function OutcomeLine({ outcome, testId }: { outcome: Outcome; testId: string }) {
  return (
    <p data-testid={testId} role={outcome && !outcome.ok ? "alert" : "status"} className={`min-h-5 text-sm ${outcome?.ok ? "text-ok" : "text-bad"}`}>
      {outcome?.text ?? ""}
    </p>
  );
}

export function LifecycleControls({ view, watch }: { view: DashboardView; watch: Pick<ClassWatch, "send" | "takeState" | "connected"> }) {
  const [busy0, setBusy] = useState(false);
  // Nothing can be sent before the socket is up.
  const busy = busy0 || !watch.connected;
  const [outcome, setOutcome] = useState<Outcome>();
  const { status, pacing, unlocked, levelIds, id: classId } = view.class;

  async function act(type: "class.start" | "class.pause" | "class.resume" | "class.end" | "class.unlock", done: string) {
    setBusy(true);
    const reply = await watch.send({ v: V, type, classId });
    setBusy(false);
    if (reply.ok && reply.type === "class.state") watch.takeState(reply.state);
    setOutcome(describe(reply, done));
  }

  const open = status !== "ended";
  return (
    <section aria-labelledby="lifecycle-title" className="flex flex-col gap-2">
      <h2 id="lifecycle-title" className="panel-title">
        Class
      </h2>
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className="btn btn-primary" disabled={busy || status !== "lobby"} onClick={() => act("class.start", "The class is running.")}>
          Start
        </button>
        <button type="button" className="btn" disabled={busy || status !== "running"} onClick={() => act("class.pause", "The class is paused: terminals are frozen.")}>
          Pause
        </button>
        <button type="button" className="btn" disabled={busy || status !== "paused"} onClick={() => act("class.resume", "The class is running again.")}>
          Resume
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy || !open}
          onClick={() => {
            if (window.confirm("End the class? Students can then only look at their levels, and the class cannot be started again.")) void act("class.end", "The class has ended.");
          }}
        >
          End class
        </button>
        {pacing === "unlocked" ? (
          <>
            <button type="button" className="btn" disabled={busy || !open || unlocked >= levelIds.length} onClick={() => act("class.unlock", "The next level is open.")}>
              Unlock next level
            </button>
            <span data-testid="unlocked" className="text-sm text-muted">
              {unlocked} of {levelIds.length} levels open
            </span>
          </>
        ) : null}
      </div>
      <OutcomeLine outcome={outcome} testId="control-outcome" />
    </section>
  );
}

export function BroadcastForm({ view, watch, messages }: { view: DashboardView; watch: Pick<ClassWatch, "send" | "connected">; messages: readonly ClassMessageView[] }) {
  const [busy0, setBusy] = useState(false);
  const busy = busy0 || !watch.connected;
  const [outcome, setOutcome] = useState<Outcome>();
  const [text, setText] = useState("");
  const [picked, setTo] = useState("");
  // A student removed since they were picked: the select shows "Every student", and so does the send.
  const to = view.students.some((s) => s.id === picked) ? picked : "";
  const nickname = (id: string | undefined) => view.students.find((s) => s.id === id)?.nickname ?? "a student who left";

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = text.trim();
    if (trimmed.length === 0) return setOutcome({ ok: false, text: "Message: write something to send" });
    if ([...trimmed].length > MAX_MESSAGE) return setOutcome({ ok: false, text: `Message: at most ${MAX_MESSAGE} characters` });
    setBusy(true);
    const reply = await watch.send({ v: V, type: "class.broadcast", classId: view.class.id, text: trimmed, ...(to ? { studentId: to } : {}) });
    setBusy(false);
    setOutcome(describe(reply, to ? `Sent to ${nickname(to)}.` : "Sent to every student."));
    if (reply.ok) setText("");
  }

  return (
    <section aria-labelledby="broadcast-title" className="flex flex-col gap-2">
      <h2 id="broadcast-title" className="panel-title">
        Message
      </h2>
      <form onSubmit={submit} noValidate className="flex flex-col gap-2">
        <label className="flex flex-col gap-1 text-sm text-muted">
          Text ({[...text].length}/{MAX_MESSAGE})
          <textarea value={text} onChange={(e) => setText(e.target.value)} rows={2} className="field py-1 font-sans text-sm" />
        </label>
        <div className="flex flex-wrap items-end gap-2">
          <div className="flex flex-col gap-1 text-sm text-muted">
            <label htmlFor="broadcast-to">To</label>
            <select id="broadcast-to" value={to} onChange={(e) => setTo(e.target.value)} className="field py-1 text-sm">
              <option value="">Every student</option>
              {view.students.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.nickname}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn" disabled={busy}>
            Send message
          </button>
        </div>
      </form>
      <OutcomeLine outcome={outcome} testId="broadcast-outcome" />
      {messages.length > 0 ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-muted">Sent messages ({messages.length})</summary>
          <ol aria-label="Sent messages" tabIndex={0} className="mt-1 flex max-h-40 flex-col gap-1 overflow-y-auto">
            {messages.map((m) => (
              <li key={m.id} className="whitespace-pre-wrap break-words rounded bg-ink-850 px-2 py-1">
                <span className="text-muted">{m.to === "all" ? "To everyone" : `To ${nickname(m.studentId)}`}: </span>
                {m.text}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}
