"use client";
/**
 * The trace of one goal probe, hop by hop, as text (each step: hook, table, chain, rule,
 * NAT rewrite, drop reason), with the player's controls. The step shown on the canvas is
 * highlighted here; clicking a step jumps to it.
 */
import { useEffect, useRef, type KeyboardEvent } from "react";
import { eventText } from "@/engine/walk/trace-text";
import type { TraceEvent } from "@/engine/walk/trace";
import type { Verdict } from "@/engine/judge/verdict";
import { SPEEDS, type Speed, type TracePlayerEvent, type TracePlayerState } from "@/game/trace-player-events";
import { outcomeLabel, probeByKey, probeChoices } from "@/app/_lib/trace-geometry";

function tone(e: TraceEvent): string {
  switch (e.step) {
    case "drop":
    case "local-error":
    case "icmp-error":
      return "text-bad font-semibold";
    case "deliver":
      return "text-ok";
    case "nat":
      return "text-vip";
    case "vxlan":
      return "text-tunnel";
    case "nf":
      return e.target.includes("DROP") || e.target === "REJECT" ? "text-bad" : /NAT|MASQUERADE/.test(e.target) ? "text-vip" : "text-muted";
    case "ct":
    case "neigh":
      return "text-faint";
    default:
      return "text-fg";
  }
}

interface Props {
  readonly verdict: Verdict;
  readonly choice: string | undefined;
  readonly onChoose: (key: string) => void;
  readonly player: { readonly state: TracePlayerState; readonly index: number; readonly speed: Speed };
  readonly send: (e: TracePlayerEvent) => void;
  readonly onRunProbes: () => void;
}

export function TracePanel({ verdict, choice, onChoose, player, send, onRunProbes }: Props) {
  const choices = probeChoices(verdict);
  const probe = probeByKey(verdict, choice);
  const trace = probe?.shown.trace ?? [];
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    const el = listRef.current?.querySelector<HTMLElement>(`[data-step="${player.index}"]`);
    el?.scrollIntoView({ block: "nearest" });
  }, [player.index]);

  const playing = player.state === "playing";
  const onListKey = (e: KeyboardEvent) => {
    const to = e.key === "ArrowDown" ? player.index + 1 : e.key === "ArrowUp" ? player.index - 1 : e.key === "Home" ? 0 : e.key === "End" ? trace.length - 1 : undefined;
    if (to === undefined || trace.length === 0) return;
    e.preventDefault();
    send({ type: "SEEK", index: Math.max(0, to) });
  };
  return (
    <div className="flex h-full min-h-0 flex-col gap-2 p-2">
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex min-w-0 flex-1 items-center gap-2 text-sm">
          <span className="text-muted">Probe</span>
          <select className="field min-w-0 flex-1" value={choice ?? ""} onChange={(e) => onChoose(e.target.value)}>
            {choices.length === 0 ? <option value="">no probes in this level</option> : null}
            {choices.map((c) => (
              <option key={c.key} value={c.key}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn btn-small" onClick={onRunProbes} title="Run every goal's probes again and replay this one">
          Run probes
        </button>
      </div>
      {probe ? (
        <ul className="text-xs text-muted" aria-label="Outcomes">
          {probe.outcomes.map((o, i) => (
            <li key={i} className={o.result === "connected" || o.result === "reply" ? "text-ok" : "text-bad"}>
              → {outcomeLabel(o)}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex items-center gap-1.5" role="group" aria-label="Trace player">
        <button type="button" className="btn btn-small btn-primary" onClick={() => send({ type: playing ? "PAUSE" : "PLAY" })} disabled={trace.length === 0}>
          {playing ? "❚❚ Pause" : player.state === "done" ? "↻ Replay" : "▶ Play"}
        </button>
        <button type="button" className="btn btn-small" onClick={() => send({ type: "STEP" })} disabled={trace.length === 0 || player.state === "done"}>
          Step ›
        </button>
        <label className="ml-1 flex items-center gap-1 text-xs text-muted">
          Speed
          <select className="field" value={player.speed} onChange={(e) => send({ type: "SPEED", speed: Number(e.target.value) as Speed })}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <span className="ml-auto text-xs text-faint" aria-live={playing ? "off" : "polite"}>
          {player.index >= 0 ? `step ${player.index + 1} of ${trace.length}` : `${trace.length} steps`}
        </span>
      </div>
      {/* One tab stop: arrow keys move through the steps, a click jumps to one. */}
      <ol
        ref={listRef}
        tabIndex={0}
        onKeyDown={onListKey}
        className="min-h-0 flex-1 overflow-auto rounded border border-ink-700 bg-ink-950 py-1 font-mono text-[0.78rem] leading-snug"
        aria-label="Trace, one step per line; arrow keys move between steps"
      >
        {trace.map((e, i) => {
          const current = i === player.index;
          return (
            <li
              key={i}
              data-step={i}
              aria-current={current ? "step" : undefined}
              onClick={() => send({ type: "SEEK", index: i })}
              className={`cursor-pointer px-2 py-px ${tone(e)} ${current ? "bg-warn/15 outline outline-1 outline-warn/60" : "hover:bg-ink-800"}`}
            >
              <span className="mr-1.5 inline-block w-5 text-right text-faint">{i + 1}</span>
              {eventText(e)}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
