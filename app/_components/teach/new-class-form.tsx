"use client";
/**
 * "New class": a title, a whole track or chosen levels, pacing, variants, and when a student
 * counts as stuck. Checked here first (app/_lib/new-class-form.ts): a bad value is named, its
 * field marked and focused, and nothing is sent. Then POST /api/classes, and on to the class.
 */
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import type { ClassStateView } from "@/game/class-protocol";
import { checkNewClass, DEFAULT_STUCK_MINUTES, type NewClassField } from "@/app/_lib/new-class-form";
import { postJson } from "./post-json";

export interface TrackChoice {
  readonly id: string;
  readonly label: string;
  readonly levels: readonly { readonly id: string; readonly title: string }[];
}

export function NewClassForm({ tracks }: { tracks: readonly TrackChoice[] }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [levelsFrom, setLevelsFrom] = useState<"track" | "levels">("track");
  const [error, setError] = useState<{ field?: NewClassField; text: string }>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const check = checkNewClass(
      {
        title: String(data.get("title") ?? ""),
        levelsFrom,
        track: String(data.get("track") ?? ""),
        levelIds: data.getAll("levelIds").map(String),
        pacing: String(data.get("pacing") ?? ""),
        variants: data.get("variants") === "on",
        stuckMinutes: String(data.get("stuckMinutes") ?? ""),
      },
      { tracks: tracks.map((t) => t.id), levels: tracks.flatMap((t) => t.levels.map((l) => l.id)) },
    );
    if (!check.ok) {
      setError({ field: check.field, text: check.error });
      form.current?.querySelector<HTMLElement>(`[data-field="${check.field}"]`)?.focus();
      return;
    }
    setError(undefined);
    setBusy(true);
    const answer = await postJson<{ class: ClassStateView }>("/api/classes", check.body);
    if (!answer.ok) {
      setBusy(false);
      return setError({ text: answer.error });
    }
    router.push(`/teach/classes/${answer.body.class.id}`);
  }

  const invalid = (field: NewClassField) => (error?.field === field ? { "aria-invalid": true, "aria-describedby": "new-class-error" } : {});
  return (
    <form ref={form} noValidate onSubmit={submit} aria-labelledby="new-class-title" className="flex flex-col gap-4 rounded-lg border border-ink-700 bg-ink-900 p-5">
      <h2 id="new-class-title" className="text-xl font-semibold text-white">
        New class
      </h2>
      <label className="flex flex-col gap-1 text-sm text-muted">
        Title
        <input name="title" type="text" data-field="title" maxLength={200} className="field py-1.5 text-sm" {...invalid("title")} />
      </label>

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm text-muted">Levels</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="levelsFrom" value="track" checked={levelsFrom === "track"} onChange={() => setLevelsFrom("track")} />A whole track
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="levelsFrom" value="levels" checked={levelsFrom === "levels"} onChange={() => setLevelsFrom("levels")} />
            Chosen levels
          </label>
        </div>
        {levelsFrom === "track" ? (
          <div className="flex flex-col gap-1 text-sm text-muted">
            <label htmlFor="new-class-track">Track</label>
            <select id="new-class-track" name="track" data-field="track" defaultValue={tracks[0]?.id} className="field py-1.5 text-sm" {...invalid("track")}>
              {tracks.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label} ({t.levels.length} levels)
                </option>
              ))}
            </select>
          </div>
        ) : (
          <div className="max-h-72 overflow-y-auto rounded border border-ink-600 p-3" tabIndex={-1} data-field="levelIds" {...invalid("levelIds")}>
            {tracks.map((t) => (
              <fieldset key={t.id} className="mb-2">
                <legend className="text-sm font-semibold text-white">{t.label}</legend>
                {t.levels.map((l) => (
                  <label key={l.id} className="flex items-center gap-2 py-0.5 text-sm">
                    <input type="checkbox" name="levelIds" value={l.id} />
                    {l.title}
                  </label>
                ))}
              </fieldset>
            ))}
          </div>
        )}
      </fieldset>

      <fieldset className="flex flex-col gap-1 text-sm">
        <legend className="mb-1 text-sm text-muted">Pacing</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="pacing" value="free" defaultChecked data-field="pacing" />
          Free: students open any level of the class
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="pacing" value="unlocked" />
          Instructor-unlocked: you open the levels one by one
        </label>
      </fieldset>

      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="variants" />
        Give each student a variant (their own addresses and numbers)
      </label>

      <label className="flex flex-col gap-1 text-sm text-muted">
        Stuck after this many minutes without progress (1-120)
        <input name="stuckMinutes" type="number" inputMode="numeric" min={1} max={120} step={1} defaultValue={DEFAULT_STUCK_MINUTES} data-field="stuckMinutes" className="field w-28 py-1.5 text-sm" {...invalid("stuckMinutes")} />
      </label>

      {error ? (
        <p id="new-class-error" role="alert" className="text-sm text-bad">
          {error.text}
        </p>
      ) : null}
      <button type="submit" className="btn btn-primary justify-center py-1.5" disabled={busy}>
        {busy ? "Creating…" : "Create class"}
      </button>
    </form>
  );
}
