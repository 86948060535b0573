"use client";
/** Small labelled form controls shared by the editors. */
import type { ReactNode } from "react";

export function TextField({ label, value, onChange, placeholder, width = "w-32", mono = true }: { label: string; value: string; onChange: (v: string) => void; placeholder?: string; width?: string; mono?: boolean }) {
  return (
    <label className="flex flex-col gap-0.5 text-xs text-muted">
      {label}
      <input className={`field ${width} ${mono ? "" : "font-sans"}`} value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} spellCheck={false} autoComplete="off" />
    </label>
  );
}

export function SelectField({ label, value, onChange, options, width = "" }: { label: string; value: string; onChange: (v: string) => void; options: readonly (string | { value: string; label: string })[]; width?: string }) {
  return (
    <label className="flex flex-col gap-0.5 text-xs text-muted">
      {label}
      <select className={`field ${width}`} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => {
          const opt = typeof o === "string" ? { value: o, label: o === "" ? "(any)" : o } : o;
          return (
            <option key={opt.value} value={opt.value}>
              {opt.label}
            </option>
          );
        })}
      </select>
    </label>
  );
}

export function CheckField({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className="flex items-center gap-1 text-xs text-muted">
      <input type="checkbox" className="accent-sky-400" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="border-b border-ink-700 px-2 py-2 last:border-b-0">
      <div className="mb-1.5 flex items-center justify-between gap-2">
        <h3 className="panel-title">{title}</h3>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** The command a form will run, shown before it runs (the editors teach the commands). */
export function CommandPreview({ line }: { line: string }) {
  return (
    <p className="mt-1.5 break-all rounded bg-ink-950 px-2 py-1 font-mono text-[0.75rem] text-accent-strong">
      <span className="text-faint" aria-hidden="true">
        #{" "}
      </span>
      {line}
    </p>
  );
}
