"use client";
/**
 * The cluster as an SVG drawing (geometry from app/_lib/topology-layout.ts, types and measures in topology-views.ts). Hosts are
 * buttons: clicking one (or Enter on it) opens its terminal. A veth end on an editable host
 * can be dragged onto a bridge of its host to attach it, or off its bridge to detach it; the
 * Interfaces editor offers the same with a select. The trace player's packet moves on top.
 */
import { useMemo, useRef, useState, type PointerEvent as ReactPointerEvent, type KeyboardEvent, type ReactNode } from "react";
import { GEOMETRY, portLabel, portLabelWidth, type HostView, type PortView, type TopoLayout } from "@/app/_lib/topology-views";
import type { StepSpot } from "@/app/_lib/trace-geometry";

interface Props {
  readonly layout: TopoLayout;
  readonly selectedHost?: string;
  readonly onSelectHost: (host: string) => void;
  readonly onAttach: (host: string, dev: string, bridge: string | undefined) => void;
  readonly packet?: (StepSpot & { readonly caption: string }) | undefined;
  /** Shown under the drawing, right of the packet's caption (the legend). */
  readonly footer?: ReactNode;
}

const ROLE_LABEL: Record<HostView["role"], string> = { node: "node", pod: "pod", router: "switch", external: "external host" };

export function TopologyCanvas({ layout, selectedHost, onSelectHost, onAttach, packet, footer }: Props) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ port: PortView; x: number; y: number; moved: boolean } | undefined>();
  const portsByHost = useMemo(() => {
    const m = new Map<string, PortView[]>();
    for (const p of layout.ports) m.set(p.host, [...(m.get(p.host) ?? []), p]);
    return m;
  }, [layout]);

  const toSvg = (clientX: number, clientY: number) => {
    const svg = svgRef.current;
    const ctm = svg?.getScreenCTM();
    if (!svg || !ctm) return { x: 0, y: 0 };
    const pt = new DOMPoint(clientX, clientY).matrixTransform(ctm.inverse());
    return { x: pt.x, y: pt.y };
  };

  const startDrag = (port: PortView, e: ReactPointerEvent) => {
    if (!port.draggable) return;
    e.stopPropagation();
    (e.target as Element).setPointerCapture?.(e.pointerId);
    setDrag({ port, ...toSvg(e.clientX, e.clientY), moved: false });
  };
  const moveDrag = (e: ReactPointerEvent) => {
    if (!drag) return;
    const at = toSvg(e.clientX, e.clientY);
    setDrag({ ...drag, ...at, moved: drag.moved || Math.hypot(at.x - drag.port.x, at.y - drag.port.y) > 10 });
  };
  const endDrag = () => {
    if (!drag) return;
    const { port, x, y, moved } = drag;
    setDrag(undefined);
    if (!moved) return;
    const target = layout.bridges.find((b) => b.host === port.host && x >= b.x - 6 && x <= b.x + b.w + 6 && y >= b.y - 12 && y <= b.y + b.h + 12);
    if (target && target.dev !== port.master) onAttach(port.host, port.dev, target.dev);
    else if (!target && port.master !== undefined) onAttach(port.host, port.dev, undefined);
  };

  const hostLabel = (h: HostView) => {
    const ports = (portsByHost.get(h.name) ?? []).map((p) => `${p.dev} ${p.up ? "up" : "down"}${p.master ? ` in ${p.master}` : ""}`);
    const bridges = layout.bridges.filter((b) => b.host === h.name).map((b) => `bridge ${b.dev} ${b.up ? "up" : "down"}`);
    const lo = h.loUp === undefined ? [] : [`lo ${h.loUp ? "up" : "down"}`];
    const parts = [`${h.name}, ${ROLE_LABEL[h.role]}${h.ip ? ` ${h.ip}` : ""}`, [...lo, ...bridges, ...ports].join(", ")];
    return `${parts.filter(Boolean).join(": ")}. ${h.editable ? "Open its terminal" : "Read-only: show its details"}`;
  };
  const onHostKey = (h: HostView, e: KeyboardEvent) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      onSelectHost(h.name);
    }
  };

  // Top to bottom, left to right: the order Tab visits the hosts.
  const byPlace = (a: HostView, b: HostView) => a.y - b.y || a.x - b.x;
  const outer = layout.hosts.filter((h) => h.role !== "pod").sort(byPlace);
  const pods = layout.hosts.filter((h) => h.role === "pod").sort(byPlace);

  const hostGroup = (h: HostView) => {
    const selected = h.name === selectedHost;
    const isPod = h.role === "pod" || h.role === "external";
    const active = packet?.host === h.name;
    return (
      <g
        key={h.name}
        className="topo-host cursor-pointer"
        role="button"
        tabIndex={0}
        aria-label={hostLabel(h)}
        aria-pressed={selected}
        data-host={h.name}
        onClick={() => onSelectHost(h.name)}
        onKeyDown={(e) => onHostKey(h, e)}
      >
        <rect
          className="topo-host-frame"
          x={h.x}
          y={h.y}
          width={h.w}
          height={h.h}
          rx={isPod ? 8 : 10}
          fill={isPod ? "#131e33" : h.role === "router" ? "#0d1526" : "#0f1829"}
          stroke={selected ? "#7dd3fc" : active ? "#fbbf24" : h.editable ? "#2f6f93" : "#2a3b5e"}
          strokeWidth={selected || active ? 2.5 : 1.5}
          strokeDasharray={h.role === "external" ? "6 4" : undefined}
        />
        <text x={h.x + 10} y={h.y + (isPod ? 30 : 18)} className="font-sans" fontSize={isPod ? 12.5 : 13.5} fontWeight={700} fill={h.editable ? "#7dd3fc" : "#e6edf7"}>
          {h.name}
        </text>
        {h.role !== "router" ? (
          <text x={h.x + 10} y={h.y + (isPod ? 45 : 32)} fontSize={10.5} className="font-mono" fill="#a3b1c6">
            {h.ip ?? (h.role === "node" ? "" : "no address")}
          </text>
        ) : (
          <text x={h.x + 10} y={h.y + 33} fontSize={10.5} fill="#a3b1c6">
            switch
          </text>
        )}
        {h.loUp !== undefined && h.role !== "router" ? (
          <g aria-hidden="true">
            <text x={h.x + h.w - (isPod ? 30 : 34)} y={h.y + (isPod ? h.h - 8 : 32)} fontSize={10} className="font-mono" fill={h.loUp ? "#8394ad" : "#f87171"}>
              lo
            </text>
            <circle cx={h.x + h.w - (isPod ? 12 : 16)} cy={h.y + (isPod ? h.h - 11.5 : 28.5)} r={3.5} fill={h.loUp ? "#34d399" : "none"} stroke={h.loUp ? "none" : "#f87171"} strokeWidth={1.5} />
          </g>
        ) : null}
      </g>
    );
  };

  const portMark = (p: PortView) => {
    const owner = layout.hosts.find((h) => h.name === p.host);
    const role = owner?.role;
    const labelY = p.side === "top" ? p.y + 15 : p.side === "bottom" && role === "router" ? p.y - 8 : p.y + 16;
    const isPodPort = role === "pod" || role === "external";
    // Beside the dot where a wire leaves downwards (pod ends of veths, node ends of pod veths), under it otherwise.
    const beside = isPodPort || (role === "node" && p.side === "bottom");
    const lx = beside ? p.x + GEOMETRY.portLabelDx : p.x;
    const anchor = beside ? "start" : "middle";
    const color = p.kind === "vxlan" ? "#c4b5fd" : p.up ? "#34d399" : "#f87171";
    // A label beside its dot ends inside its host's box (the layout makes nodes wide enough; a
    // name too long for a pod's box is cut short, whole in its tooltip).
    const full = portLabel(p.dev, p.up);
    const room = beside && owner ? owner.x + owner.w - GEOMETRY.labelPad / 2 - lx : Infinity;
    const fits = portLabelWidth(full) <= room;
    const label = fits ? full : `${full.slice(0, Math.max(1, Math.floor(room / GEOMETRY.portCharW) - 1))}…`;
    return (
      <g key={p.id} aria-hidden="true" data-port={p.id} data-up={p.up ? "up" : "down"} data-master={p.master ?? ""}>
        <text x={lx} y={isPodPort ? p.y + 13 : beside ? p.y + 4 : labelY} fontSize={GEOMETRY.portFont} textAnchor={anchor} className="font-mono" fill={p.up ? "#a3b1c6" : "#f87171"}>
          {fits ? null : <title>{full}</title>}
          {label}
        </text>
        <circle
          cx={p.x}
          cy={p.y}
          r={p.draggable ? 6.5 : 5}
          fill={p.up ? color : "#0b1220"}
          stroke={p.up ? "#0b1220" : "#f87171"}
          strokeWidth={p.up ? 1.5 : 2}
          className={p.draggable ? "cursor-grab" : undefined}
          onPointerDown={(e) => startDrag(p, e)}
        >
          {p.draggable ? <title>{`${p.dev}: drag onto a bridge to attach it${p.master ? `, off ${p.master} to detach it` : ""}`}</title> : null}
        </circle>
      </g>
    );
  };

  return (
    <div className="flex h-full w-full flex-col">
      <svg
        ref={svgRef}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        preserveAspectRatio="xMidYMid meet"
        className="min-h-0 w-full flex-1 select-none"
        role="group"
        aria-label="Cluster topology: hosts, links and their state. Each host is a button."
        onPointerMove={moveDrag}
        onPointerUp={endDrag}
        onPointerCancel={() => setDrag(undefined)}
      >
        <defs>
          <filter id="glow" x="-50%" y="-50%" width="200%" height="200%">
            <feGaussianBlur stdDeviation="3" result="b" />
            <feMerge>
              <feMergeNode in="b" />
              <feMergeNode in="SourceGraphic" />
            </feMerge>
          </filter>
        </defs>
        {outer.map(hostGroup)}
        {layout.bridges.map((b) => (
          <g key={b.id} aria-hidden="true" data-bridge={b.id}>
            <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={4} fill={drag && drag.port.host === b.host ? "#16405a" : "#1c2a45"} stroke={b.up ? "#38bdf8" : "#f87171"} strokeDasharray={b.up ? undefined : "4 3"} strokeWidth={1.5} />
            <text x={b.x + 8} y={b.y + b.h - 5} fontSize={10.5} className="font-mono" fill={b.up ? "#bae6fd" : "#f87171"}>
              {b.label}
              {b.up ? "" : " (down)"}
            </text>
          </g>
        ))}
        {pods.map(hostGroup)}
        <g aria-hidden="true" fill="none">
          {layout.members.map((m) => (
            <path key={m.port} d={m.path} stroke={m.up ? "#38bdf8" : "#f87171"} strokeWidth={2} strokeDasharray={m.up ? undefined : "3 3"} />
          ))}
          {layout.wires.map((w) => (
            <path key={w.id} d={w.path} stroke={w.up ? "#64748b" : "#f87171"} strokeWidth={2} strokeDasharray={w.up ? undefined : "5 4"} />
          ))}
          {layout.tunnels.map((t) => (
            <path key={t.id} d={t.path} stroke={t.both && !t.dangling ? "#c4b5fd" : "#fbbf24"} strokeWidth={2} strokeDasharray="7 5">
              <title>{`VXLAN VNI ${t.vni}: ${t.a} ${t.both ? "⇄" : "→"} ${t.b}${t.dangling ? " (no VTEP there)" : ""}`}</title>
            </path>
          ))}
        </g>
        {layout.ports.map(portMark)}
        {layout.vips.map((v) => (
          <g key={v.ip} aria-hidden="true" data-vip={v.ip}>
            {v.endpoints.map((e) => (
              <path key={e.host} d={e.path} fill="none" stroke="#f0abfc" strokeWidth={1.5} strokeDasharray="3 4" opacity={0.8} />
            ))}
            <rect x={v.x} y={v.y} width={v.w} height={v.h} rx={6} fill="#1a1030" stroke={v.programmed ? "#f0abfc" : "#f87171"} strokeDasharray="6 4" strokeWidth={1.5} />
            <text x={v.x + v.w / 2} y={v.y + 14} textAnchor="middle" fontSize={10.5} className="font-mono" fill="#f5d0fe">
              {v.label}
            </text>
            <text x={v.x + v.w / 2} y={v.y + 27} textAnchor="middle" fontSize={9.5} fill={v.programmed ? "#c8b3cf" : "#fca5a5"}>
              {v.programmed ? `Service VIP → ${v.endpoints.length} endpoint${v.endpoints.length === 1 ? "" : "s"}` : "Service VIP, no DNAT rule"}
            </text>
          </g>
        ))}
        {drag && drag.moved ? <line x1={drag.port.x} y1={drag.port.y} x2={drag.x} y2={drag.y} stroke="#fbbf24" strokeWidth={2} strokeDasharray="4 3" pointerEvents="none" /> : null}
        {packet ? (
          <g className="packet-dot" style={{ transform: `translate(${packet.x}px, ${packet.y}px)` }} pointerEvents="none" aria-hidden="true">
            {packet.dead ? (
              <g stroke="#f87171" strokeWidth={3.5} strokeLinecap="round" filter="url(#glow)">
                <line x1={-7} y1={-7} x2={7} y2={7} />
                <line x1={-7} y1={7} x2={7} y2={-7} />
              </g>
            ) : (
              <circle r={7} fill="#fbbf24" stroke="#070c17" strokeWidth={2} filter="url(#glow)" />
            )}
          </g>
        ) : null}
      </svg>
      <div className="flex h-6 shrink-0 items-center gap-3 px-2">
        <p className="min-w-0 flex-1 truncate font-mono text-xs text-warn" aria-hidden="true">
          {packet?.caption ?? ""}
        </p>
        {footer}
      </div>
    </div>
  );
}
