"use client";
/**
 * The structured editors. Each action writes a real command line and runs it through the same
 * path as typing (the session), so it lands in the host's terminal and the command log.
 */
import { useState } from "react";
import type { NetState } from "@/engine/model/types";
import type { RunResult } from "@/app/_lib/play-session";
import { panelId, tabId, TabList } from "@/app/_components/tabs";
import { InterfacesEditor } from "./interfaces-editor";
import { IptablesEditor } from "./iptables-editor";
import { L2Editor } from "./l2-editor";
import { RoutesEditor } from "./routes-editor";
import { SysctlEditor } from "./sysctl-editor";

type EditorId = "links" | "routes" | "sysctl" | "iptables" | "l2";
const EDITORS: { id: EditorId; label: string; name?: string }[] = [
  { id: "links", label: "Interfaces" },
  { id: "routes", label: "Routes" },
  { id: "sysctl", label: "sysctl" },
  { id: "iptables", label: "iptables" },
  { id: "l2", label: "VXLAN·FDB", name: "VXLAN·FDB: VXLAN devices, FDB and neighbours" },
];

interface Props {
  readonly state: NetState;
  readonly editable: readonly string[];
  readonly host: string;
  readonly onHost: (host: string) => void;
  readonly run: (host: string, line: string) => RunResult;
}

export function EditorsPanel({ state, editable, host, onHost, run }: Props) {
  const [editor, setEditor] = useState<EditorId>("links");
  const [last, setLast] = useState<{ line: string; result: RunResult } | undefined>();
  const target = editable.includes(host) ? host : editable[0]!;
  const h = state.hosts[target];
  const exec = (line: string) => setLast({ line, result: run(target, line) });
  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="flex items-center gap-2 px-2 pt-2">
        <label className="flex items-center gap-1.5 text-sm text-muted">
          Host
          <select className="field" value={target} onChange={(e) => onHost(e.target.value)}>
            {editable.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>
        </label>
      </div>
      <TabList label="Editors" tabs={EDITORS} value={editor} onChange={setEditor} prefix="editor" className="mt-1 border-b border-ink-600 px-1" compact />
      <div role="tabpanel" id={panelId("editor", editor)} aria-labelledby={tabId("editor", editor)} className="min-h-0 flex-1 overflow-auto">
        {!h ? <p className="p-2 text-sm text-faint">{target} does not exist.</p> : null}
        {h && editor === "links" ? <InterfacesEditor key={target} host={h} hostNames={Object.keys(state.hosts)} run={exec} /> : null}
        {h && editor === "routes" ? <RoutesEditor key={target} host={h} run={exec} /> : null}
        {h && editor === "sysctl" ? <SysctlEditor host={h} run={exec} /> : null}
        {h && editor === "iptables" ? <IptablesEditor key={target} state={state} host={target} run={exec} /> : null}
        {h && editor === "l2" ? <L2Editor key={target} host={h} run={exec} /> : null}
      </div>
      <p className="min-h-[2.4rem] border-t border-ink-700 px-2 py-1 font-mono text-[0.75rem]" aria-live="polite">
        {last ? (
          <>
            <span className="text-faint">{target} # </span>
            <span className="text-fg">{last.line}</span>
            <span className={`block truncate ${last.result.isError ? "text-bad" : "text-ok"}`}>{last.result.isError ? last.result.text : last.result.text.trim() ? last.result.text.trim().split("\n")[0] : "✓ done"}</span>
          </>
        ) : (
          <span className="text-faint">Each action runs a real command; it also appears in {target}&apos;s terminal.</span>
        )}
      </p>
    </div>
  );
}
