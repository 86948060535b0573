"use client";
/** An accessible tab list (WAI-ARIA tabs pattern: roving tabindex, arrow keys, Home/End). */
import { useRef, type KeyboardEvent, type ReactNode } from "react";

export interface TabSpec<T extends string> {
  readonly id: T;
  readonly label: ReactNode;
  /** Accessible name when the label is not plain text. */
  readonly name?: string;
}

export const tabId = (prefix: string, id: string) => `${prefix}-tab-${id.replace(/[^A-Za-z0-9_-]/g, "_")}`;
export const panelId = (prefix: string, id: string) => `${prefix}-panel-${id.replace(/[^A-Za-z0-9_-]/g, "_")}`;

export function TabList<T extends string>({ label, tabs, value, onChange, prefix, className, compact }: { label: string; tabs: readonly TabSpec<T>[]; value: T; onChange: (id: T) => void; prefix: string; className?: string; compact?: boolean }) {
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const onKey = (e: KeyboardEvent, at: number) => {
    const to = e.key === "ArrowRight" ? at + 1 : e.key === "ArrowLeft" ? at - 1 : e.key === "Home" ? 0 : e.key === "End" ? tabs.length - 1 : undefined;
    if (to === undefined) return;
    e.preventDefault();
    const next = tabs[(to + tabs.length) % tabs.length]!;
    onChange(next.id);
    refs.current.get(next.id)?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className={`flex min-w-0 items-end gap-0.5 overflow-x-auto ${className ?? ""}`}>
      {tabs.map((t, i) => {
        const selected = t.id === value;
        return (
          <button
            key={t.id}
            ref={(el) => {
              if (el) refs.current.set(t.id, el);
              else refs.current.delete(t.id);
            }}
            type="button"
            role="tab"
            id={tabId(prefix, t.id)}
            aria-selected={selected}
            aria-controls={panelId(prefix, t.id)}
            aria-label={t.name}
            tabIndex={selected ? 0 : -1}
            onClick={() => onChange(t.id)}
            onKeyDown={(e) => onKey(e, i)}
            className={`shrink-0 rounded-t-md border border-b-0 py-1 ${compact ? "px-2 text-[0.8rem]" : "px-3 text-sm"} ${selected ? "border-ink-600 bg-ink-950 font-semibold text-white" : "border-transparent text-muted hover:text-fg"}`}
          >
            {t.label}
          </button>
        );
      })}
    </div>
  );
}
