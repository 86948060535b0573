/** Where a trace step happens on the canvas, and short texts about probes and outcomes. */
import type { Verdict } from "@/engine/judge/verdict";
import type { Outcome, ProbeSpec } from "@/engine/scenario/types";
import type { TraceEvent } from "@/engine/walk/trace";
import type { Pt, TopoLayout } from "./topology-views";

export interface StepSpot extends Pt {
  readonly host: string;
  /** The step ends the packet's life here. */
  readonly dead: boolean;
}

function hostCenter(layout: TopoLayout, host: string): Pt | undefined {
  const h = layout.hosts.find((v) => v.name === host);
  return h ? { x: h.x + h.w / 2, y: h.y + Math.min(h.h / 2, 30) } : undefined;
}

function port(layout: TopoLayout, host: string, dev: string | undefined): Pt | undefined {
  if (dev === undefined) return undefined;
  const p = layout.ports.find((v) => v.host === host && v.dev === dev);
  if (p) return p;
  const b = layout.bridges.find((v) => v.host === host && v.dev === dev);
  return b ? { x: b.x + b.w / 2, y: b.y + b.h / 2 } : undefined;
}

export function stepSpot(layout: TopoLayout, e: TraceEvent): StepSpot | undefined {
  const dead = e.step === "drop" || e.step === "local-error";
  let at: Pt | undefined;
  let host = e.host;
  switch (e.step) {
    case "tx":
      at = port(layout, e.toHost, e.toDev) ?? port(layout, e.host, e.dev);
      host = e.toHost;
      break;
    case "route":
      at = e.decision === "local" ? undefined : port(layout, e.host, e.dev);
      break;
    case "bridge": {
      const b = layout.bridges.find((v) => v.host === e.host && v.dev === e.bridge);
      const out = e.outPorts.length === 1 ? port(layout, e.host, e.outPorts[0]) : undefined;
      if (b) at = { x: out ? Math.max(b.x, Math.min(b.x + b.w, out.x)) : b.x + b.w / 2, y: b.y + b.h / 2 };
      break;
    }
    case "vxlan":
    case "forward":
      at = port(layout, e.host, e.step === "vxlan" ? e.dev : e.outDev);
      break;
    case "drop":
      at = port(layout, e.host, e.dev);
      break;
    default:
      break;
  }
  at ??= hostCenter(layout, e.host);
  return at ? { x: at.x, y: at.y, host, dead } : undefined;
}

export function probeLabel(p: ProbeSpec): string {
  const what = p.proto === "icmp" ? `ping ${p.to}` : `${p.proto.toUpperCase()} ${p.to}:${p.port}`;
  return `${p.from} → ${what}`;
}

export function outcomeLabel(o: Outcome): string {
  const pct = o.p < 0.9999 ? ` (${Math.round(o.p * 1000) / 10}%)` : "";
  switch (o.result) {
    case "connected":
      return `connected to ${o.server}, which saw ${o.seenSrc} → ${o.seenDst}:${o.seenPort}${pct}`;
    case "reply":
      return "replyFrom" in o ? `reply from ${o.replyFrom}${pct}` : `UDP reply from ${o.server}${pct}`;
    case "refused":
      return `refused${o.detail ? `: ${o.detail}` : ""}${pct}`;
    case "unreachable":
      return `unreachable${o.detail ? `: ${o.detail}` : ""}${pct}`;
    case "timeout":
      return `timed out (no answer)${pct}`;
    case "local-error":
      return `local error${o.detail ? `: ${o.detail}` : ""}${pct}`;
  }
}

export interface ProbeChoice {
  readonly key: string;
  readonly goalId: string;
  /** This probe does what its goal wants (a goal of many probes can fail on one). */
  readonly ok: boolean;
  readonly label: string;
}

export function probeChoices(verdict: Verdict): ProbeChoice[] {
  return verdict.goals.flatMap((g) =>
    g.probes.map((p, i) => {
      const connects = p.outcomes.map((o) => o.result === "connected" || o.result === "reply");
      const ok = g.pass || (g.kind === "blocked" ? connects.every((c) => !c) : connects.every(Boolean));
      return { key: `${g.id}#${i}`, goalId: g.id, ok, label: `${ok ? "✓" : "✗"} ${probeLabel(p.probe)}` };
    }),
  );
}

export function probeByKey(verdict: Verdict, key: string | undefined) {
  if (!key) return undefined;
  const [goalId, i] = key.split("#");
  return verdict.goals.find((g) => g.id === goalId)?.probes[Number(i)];
}

