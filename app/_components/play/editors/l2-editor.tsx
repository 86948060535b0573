"use client";
/** VXLAN devices, the FDB (bridge and VTEP entries) and the neighbour table of a host. */
import { useState } from "react";
import { formatIPv4 } from "@/engine/addr/ipv4";
import type { FdbEntry, Host } from "@/engine/model/types";
import { CheckField, CommandPreview, SelectField, TextField, Section } from "./form-kit";

const devName = (host: Host, ifindex: number) => host.links.find((l) => l.ifindex === ifindex)?.name ?? "?";

export function fdbText(host: Host, f: FdbEntry): string {
  return f.kind === "vxlan"
    ? `${f.mac} dev ${devName(host, f.dev)} dst ${formatIPv4(f.dst)} self${f.permanent ? " permanent" : ""}`
    : `${f.mac} dev ${devName(host, f.port)} master ${devName(host, f.bridge)} ${f.state === "learned" ? "" : f.state}`.trimEnd();
}

export function fdbDeleteLine(host: Host, f: FdbEntry): string {
  return f.kind === "vxlan" ? `bridge fdb del ${f.mac} dev ${devName(host, f.dev)} dst ${formatIPv4(f.dst)} self` : `bridge fdb del ${f.mac} dev ${devName(host, f.port)} master`;
}

export function L2Editor({ host, run }: { host: Host; run: (line: string) => void }) {
  const vteps = host.links.filter((l) => l.kind === "vxlan");
  const uplinks = host.links.filter((l) => l.kind !== "loopback" && l.kind !== "vxlan" && l.kind !== "bridge").map((l) => l.name);
  const [vx, setVx] = useState({ name: "flannel.1", vni: "1", local: "", dev: "", port: "8472", nolearning: true, mac: "" });
  const [fdb, setFdb] = useState({ mac: "", dev: "", dst: "" });
  const [nb, setNb] = useState({ ip: "", mac: "", dev: "" });
  const vxLine = [`ip link add ${vx.name.trim() || "NAME"}`, vx.mac.trim() ? `address ${vx.mac.trim()}` : "", `type vxlan id ${vx.vni.trim() || "VNI"}`, vx.local.trim() ? `local ${vx.local.trim()}` : "", vx.dev ? `dev ${vx.dev}` : "", `dstport ${vx.port.trim() || "8472"}`, vx.nolearning ? "nolearning" : ""]
    .filter(Boolean)
    .join(" ");
  const devs = host.links.filter((l) => l.kind !== "loopback").map((l) => l.name);
  const fdbDev = fdb.dev || vteps[0]?.name || devs[0] || "";
  const fdbIsVtep = host.links.find((l) => l.name === fdbDev)?.kind === "vxlan";
  const fdbLine = fdbIsVtep ? `bridge fdb append ${fdb.mac.trim() || "MAC"} dev ${fdbDev} dst ${fdb.dst.trim() || "IP"} self permanent` : `bridge fdb add ${fdb.mac.trim() || "MAC"} dev ${fdbDev} master static`;
  const nbDev = nb.dev || vteps[0]?.name || devs[0] || "";
  const nbLine = `ip neigh replace ${nb.ip.trim() || "IP"} lladdr ${nb.mac.trim() || "MAC"} dev ${nbDev} nud permanent`;
  return (
    <div>
      <Section title="VXLAN devices">
        {vteps.length === 0 ? <p className="text-sm text-faint">None on {host.name}.</p> : null}
        <ul className="space-y-1">
          {vteps.map((l) =>
            l.kind === "vxlan" ? (
              <li key={l.name} className="flex items-center justify-between gap-2 font-mono text-[0.8rem]">
                <span>
                  {l.name} <span className="text-faint">vni {l.vni}{l.local !== undefined ? ` local ${formatIPv4(l.local)}` : ""}{l.dev !== undefined ? ` dev ${devName(host, l.dev)}` : ""} dstport {l.dstport}{l.learning ? "" : " nolearning"} {l.mac}</span>
                </span>
                <button type="button" className="btn btn-small" aria-label={`Delete ${l.name}`} onClick={() => run(`ip link del ${l.name}`)}>
                  Delete
                </button>
              </li>
            ) : null,
          )}
        </ul>
        <form className="mt-2 flex flex-wrap items-end gap-2" onSubmit={(e) => (e.preventDefault(), run(vxLine))}>
          <TextField label="Name" value={vx.name} onChange={(v) => setVx({ ...vx, name: v })} width="w-24" />
          <TextField label="id (VNI)" value={vx.vni} onChange={(v) => setVx({ ...vx, vni: v })} width="w-12" />
          <TextField label="local" value={vx.local} onChange={(v) => setVx({ ...vx, local: v })} placeholder="192.168.50.13" width="w-32" />
          <SelectField label="dev" value={vx.dev} onChange={(v) => setVx({ ...vx, dev: v })} options={[{ value: "", label: "(none)" }, ...uplinks.map((u) => ({ value: u, label: u }))]} />
          <TextField label="dstport" value={vx.port} onChange={(v) => setVx({ ...vx, port: v })} width="w-14" />
          <TextField label="address (MAC)" value={vx.mac} onChange={(v) => setVx({ ...vx, mac: v })} width="w-36" />
          <CheckField label="nolearning" checked={vx.nolearning} onChange={(v) => setVx({ ...vx, nolearning: v })} />
          <button type="submit" className="btn btn-small">
            Create VTEP
          </button>
        </form>
        <CommandPreview line={vxLine} />
      </Section>
      <Section title="Forwarding database (bridge fdb)">
        <ul className="space-y-1">
          {host.fdb.length === 0 ? <li className="text-sm text-faint">Empty.</li> : null}
          {host.fdb.map((f, i) => {
            const text = fdbText(host, f);
            return (
              <li key={`${i}-${text}`} className="flex items-center justify-between gap-2 font-mono text-[0.78rem]">
                <span className="break-all">{text}</span>
                <button type="button" className="btn btn-small shrink-0" aria-label={`Delete FDB entry ${text}`} onClick={() => run(fdbDeleteLine(host, f))}>
                  Delete
                </button>
              </li>
            );
          })}
        </ul>
        <form className="mt-2 flex flex-wrap items-end gap-2" onSubmit={(e) => (e.preventDefault(), run(fdbLine))}>
          <TextField label="MAC" value={fdb.mac} onChange={(v) => setFdb({ ...fdb, mac: v })} placeholder="aa:bb:cc:dd:ee:ff" width="w-36" />
          <SelectField label="dev" value={fdbDev} onChange={(v) => setFdb({ ...fdb, dev: v })} options={devs} />
          {fdbIsVtep ? <TextField label="dst (remote VTEP IP)" value={fdb.dst} onChange={(v) => setFdb({ ...fdb, dst: v })} placeholder="192.168.50.12" width="w-32" /> : null}
          <button type="submit" className="btn btn-small">
            Add entry
          </button>
        </form>
        <CommandPreview line={fdbLine} />
      </Section>
      <Section title="Neighbours (ip neigh)">
        <ul className="space-y-1">
          {host.neigh.length === 0 ? <li className="text-sm text-faint">Empty.</li> : null}
          {host.neigh.map((n) => {
            const dev = devName(host, n.ifindex);
            const text = `${formatIPv4(n.address)} dev ${dev}${n.mac ? ` lladdr ${n.mac}` : ""} ${n.state}`;
            return (
              <li key={text} className="flex items-center justify-between gap-2 font-mono text-[0.78rem]">
                <span className="break-all">{text}</span>
                <button type="button" className="btn btn-small shrink-0" aria-label={`Delete neighbour ${formatIPv4(n.address)} on ${dev}`} onClick={() => run(`ip neigh del ${formatIPv4(n.address)} dev ${dev}`)}>
                  Delete
                </button>
              </li>
            );
          })}
        </ul>
        <form className="mt-2 flex flex-wrap items-end gap-2" onSubmit={(e) => (e.preventDefault(), run(nbLine))}>
          <TextField label="IP" value={nb.ip} onChange={(v) => setNb({ ...nb, ip: v })} placeholder="10.244.2.0" width="w-28" />
          <TextField label="lladdr (MAC)" value={nb.mac} onChange={(v) => setNb({ ...nb, mac: v })} width="w-36" />
          <SelectField label="dev" value={nbDev} onChange={(v) => setNb({ ...nb, dev: v })} options={devs} />
          <button type="submit" className="btn btn-small">
            Set entry
          </button>
        </form>
        <CommandPreview line={nbLine} />
      </Section>
    </div>
  );
}
