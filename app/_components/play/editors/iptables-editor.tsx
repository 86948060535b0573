"use client";
/**
 * iptables: pick a table and chain, see its rules as `iptables -S` prints them, delete or move
 * them, set a policy, make a chain, and add or insert a rule with a form that knows the
 * supported matches and targets (app/_lib/iptables-form.ts writes the line).
 */
import { useState } from "react";
import { apply } from "@/engine/exec/apply";
import type { NetState } from "@/engine/model/types";
import { TABLE_HOOKS, type TableName } from "@/engine/netfilter/types";
import {
  ADDRTYPES,
  CTSTATES,
  deleteRuleLine,
  EMPTY_RULE,
  iptablesLine,
  moveRuleLines,
  newChainLine,
  policyLine,
  REJECT_WITH,
  rulesFromListing,
  TABLE_TARGETS,
  type RuleForm,
} from "@/app/_lib/iptables-form";
import { CheckField, CommandPreview, SelectField, TextField, Section } from "./form-kit";

const TABLES: TableName[] = ["filter", "nat", "mangle", "raw"];

interface Props {
  readonly state: NetState;
  readonly host: string;
  readonly run: (line: string) => void;
}

export function IptablesEditor({ state, host, run }: Props) {
  const [table, setTable] = useState<TableName>("filter");
  const chains = state.hosts[host]?.netfilter[table].chains ?? [];
  const [chainPick, setChain] = useState<string>("");
  const chain = chains.find((c) => c.name === chainPick) ?? chains[0];
  const [form, setForm] = useState<RuleForm>(EMPTY_RULE);
  const [newChain, setNewChain] = useState("");
  if (!chain) return <p className="p-2 text-sm text-faint">No chains.</p>;

  const listing = apply(state, host, `iptables -t ${table} -S ${chain.name}`);
  const rules = listing.ok ? rulesFromListing(listing.output, chain.name) : [];
  const builtin = (TABLE_HOOKS[table] as readonly string[]).includes(chain.name);
  const userChains = chains.filter((c) => !(TABLE_HOOKS[table] as readonly string[]).includes(c.name)).map((c) => c.name);
  const targets = [...TABLE_TARGETS[table], ...userChains];
  const f: RuleForm = { ...form, table, chain: chain.name, target: targets.includes(form.target) ? form.target : targets[0]! };
  const set = <K extends keyof RuleForm>(k: K) => (v: RuleForm[K]) => setForm((old) => ({ ...old, [k]: v }));
  const line = iptablesLine(f);
  const ports = f.proto === "tcp" || f.proto === "udp";

  return (
    <div>
      <Section title="Chain">
        <div className="flex flex-wrap items-end gap-2">
          <SelectField label="Table" value={table} onChange={(v) => { setTable(v as TableName); setChain(""); }} options={TABLES} />
          <SelectField label="Chain" value={chain.name} onChange={setChain} options={chains.map((c) => c.name)} />
          {builtin ? (
            <SelectField label={`Policy (${chain.policy ?? "—"})`} value={chain.policy ?? "ACCEPT"} onChange={(v) => run(policyLine(table, chain.name, v as "ACCEPT" | "DROP"))} options={["ACCEPT", "DROP"]} />
          ) : null}
          <form
            className="ml-auto flex items-end gap-1"
            onSubmit={(e) => {
              e.preventDefault();
              if (newChain.trim()) run(newChainLine(table, newChain.trim()));
              setNewChain("");
            }}
          >
            <TextField label="New chain" value={newChain} onChange={setNewChain} width="w-28" placeholder="MY-CHAIN" />
            <button type="submit" className="btn btn-small" disabled={!newChain.trim()}>
              Create
            </button>
          </form>
        </div>
        <ol className="mt-2 space-y-1" aria-label={`Rules of ${table}/${chain.name}`}>
          {rules.length === 0 ? <li className="text-sm text-faint">No rules{builtin ? `: every packet meets the policy ${chain.policy}` : ""}.</li> : null}
          {rules.map((spec, i) => (
            <li key={`${i}-${spec}`} className="flex items-start gap-1.5 font-mono text-[0.78rem]">
              <span className="w-5 shrink-0 text-right text-faint">{i + 1}</span>
              <span className="min-w-0 flex-1 break-all">{spec || "(matches every packet, no target)"}</span>
              <span className="flex shrink-0 gap-0.5">
                <button type="button" className="btn btn-small" aria-label={`Move rule ${i + 1} up`} disabled={i === 0} onClick={() => moveRuleLines(table, chain.name, i + 1, i, spec).forEach(run)}>
                  ↑
                </button>
                <button type="button" className="btn btn-small" aria-label={`Move rule ${i + 1} down`} disabled={i === rules.length - 1} onClick={() => moveRuleLines(table, chain.name, i + 1, i + 2, spec).forEach(run)}>
                  ↓
                </button>
                <button type="button" className="btn btn-small" aria-label={`Delete rule ${i + 1}`} onClick={() => run(deleteRuleLine(table, chain.name, i + 1))}>
                  ✕
                </button>
              </span>
            </li>
          ))}
        </ol>
      </Section>
      <Section title="Add a rule">
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            run(line);
          }}
        >
          <div className="flex flex-wrap items-end gap-2">
            <SelectField label="Where" value={f.action} onChange={(v) => set("action")(v as RuleForm["action"])} options={[{ value: "append", label: "append (-A)" }, { value: "insert", label: "insert (-I)" }]} />
            {f.action === "insert" ? <TextField label="at position" value={f.position} onChange={set("position")} width="w-12" /> : null}
            <SelectField label="-p protocol" value={f.proto} onChange={(v) => set("proto")(v as RuleForm["proto"])} options={["", "tcp", "udp", "icmp"]} />
          </div>
          <div className="flex flex-wrap items-end gap-2">
            <TextField label="-s source" value={f.src} onChange={set("src")} placeholder="10.244.0.0/16" />
            <CheckField label="not" checked={f.srcNot} onChange={set("srcNot")} />
            <TextField label="-d destination" value={f.dst} onChange={set("dst")} placeholder="10.96.0.20/32" />
            <CheckField label="not" checked={f.dstNot} onChange={set("dstNot")} />
          </div>
          <div className="flex flex-wrap items-end gap-2">
            <TextField label="-i in-interface" value={f.inIface} onChange={set("inIface")} placeholder="cni0" width="w-24" />
            <CheckField label="not" checked={f.inNot} onChange={set("inNot")} />
            <TextField label="-o out-interface" value={f.outIface} onChange={set("outIface")} placeholder="eth0" width="w-24" />
            <CheckField label="not" checked={f.outNot} onChange={set("outNot")} />
          </div>
          {ports ? (
            <div className="flex flex-wrap items-end gap-2">
              <TextField label="--sport" value={f.sport} onChange={set("sport")} width="w-20" />
              <TextField label="--dport" value={f.dport} onChange={set("dport")} placeholder="80" width="w-20" />
              <TextField label="multiport --dports" value={f.multiport} onChange={set("multiport")} placeholder="80,443" width="w-24" />
            </div>
          ) : null}
          <details className="rounded border border-ink-700 px-2 py-1">
            <summary className="cursor-pointer text-xs text-muted">More matches: conntrack, mark, addrtype, physdev, statistic, comment</summary>
            <fieldset className="mt-1.5 flex flex-wrap items-center gap-2">
              <legend className="text-xs text-muted">conntrack --ctstate</legend>
              {CTSTATES.map((s) => (
                <CheckField key={s} label={s} checked={f.ctstate.includes(s)} onChange={(on) => set("ctstate")(on ? [...f.ctstate, s] : f.ctstate.filter((x) => x !== s))} />
              ))}
            </fieldset>
            <div className="mt-1.5 flex flex-wrap items-end gap-2">
              <TextField label="mark --mark" value={f.mark} onChange={set("mark")} placeholder="0x4000/0x4000" width="w-28" />
              <SelectField label="addrtype --src-type" value={f.srcType} onChange={set("srcType")} options={ADDRTYPES} />
              <SelectField label="--dst-type" value={f.dstType} onChange={set("dstType")} options={ADDRTYPES} />
            </div>
            <div className="mt-1.5 flex flex-wrap items-end gap-2">
              <TextField label="physdev --physdev-in" value={f.physdevIn} onChange={set("physdevIn")} width="w-24" />
              <TextField label="--physdev-out" value={f.physdevOut} onChange={set("physdevOut")} width="w-24" />
              <CheckField label="--physdev-is-bridged" checked={f.physdevIsBridged} onChange={set("physdevIsBridged")} />
            </div>
            <div className="mt-1.5 flex flex-wrap items-end gap-2">
              <SelectField label="statistic --mode" value={f.statistic} onChange={(v) => set("statistic")(v as RuleForm["statistic"])} options={[{ value: "", label: "(none)" }, "random", "nth"]} />
              {f.statistic === "random" ? <TextField label="--probability" value={f.probability} onChange={set("probability")} width="w-24" /> : null}
              {f.statistic === "nth" ? (
                <>
                  <TextField label="--every" value={f.every} onChange={set("every")} width="w-12" />
                  <TextField label="--packet" value={f.packet} onChange={set("packet")} width="w-12" />
                </>
              ) : null}
              <TextField label="comment" value={f.comment} onChange={set("comment")} width="w-40" mono={false} />
            </div>
          </details>
          <div className="flex flex-wrap items-end gap-2">
            <SelectField label="-j target" value={f.target} onChange={set("target")} options={targets} />
            {f.target === "REJECT" ? <SelectField label="--reject-with" value={f.rejectWith} onChange={set("rejectWith")} options={[{ value: "", label: "(default)" }, ...REJECT_WITH.map((r) => ({ value: r, label: r }))]} /> : null}
            {f.target === "LOG" ? <TextField label="--log-prefix" value={f.logPrefix} onChange={set("logPrefix")} width="w-28" /> : null}
            {f.target === "DNAT" ? <TextField label="--to-destination" value={f.toDestination} onChange={set("toDestination")} placeholder="10.244.0.3:8080" width="w-36" /> : null}
            {f.target === "SNAT" ? <TextField label="--to-source" value={f.toSource} onChange={set("toSource")} placeholder="192.168.50.11" width="w-36" /> : null}
            {f.target === "MASQUERADE" ? <TextField label="--to-ports" value={f.toPorts} onChange={set("toPorts")} width="w-24" /> : null}
            {f.target === "MARK" ? <TextField label="--set-mark" value={f.setMark} onChange={set("setMark")} placeholder="0x4000" width="w-24" /> : null}
            <button type="submit" className="btn btn-small btn-primary">
              {f.action === "append" ? "Append rule" : "Insert rule"}
            </button>
          </div>
          <CommandPreview line={line} />
        </form>
      </Section>
    </div>
  );
}
