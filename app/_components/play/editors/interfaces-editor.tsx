"use client";
/**
 * Interfaces: up/down, bridge membership (the keyboard way to do the canvas's drag), MTU,
 * addresses, and new veth pairs or bridges. Every action is a command line.
 */
import { useState } from "react";
import { formatIPv4 } from "@/engine/addr/ipv4";
import type { Host, Link } from "@/engine/model/types";
import { CommandPreview, SelectField, TextField, Section } from "./form-kit";

interface Props {
  readonly host: Host;
  readonly hostNames: readonly string[];
  readonly run: (line: string) => void;
}

function LinkRow({ host, link, run }: { host: Host; link: Link; run: (line: string) => void }) {
  const [mtu, setMtu] = useState(String(link.mtu));
  const bridges = host.links.filter((l) => l.kind === "bridge");
  const master = link.master !== undefined ? host.links.find((l) => l.ifindex === link.master)?.name : undefined;
  const canEnslave = bridges.length > 0 && link.kind !== "bridge" && link.kind !== "loopback";
  const peer = link.kind === "veth" ? `peer in ${link.peer.host}` : link.kind === "vxlan" ? `VNI ${link.vni}` : "";
  return (
    <tr className="border-t border-ink-700 align-middle">
      <th scope="row" className="py-1 pr-2 text-left font-mono text-[0.8rem] font-normal text-fg">
        {link.name}
        <span className="block text-[0.7rem] text-faint">
          {link.kind} {peer}
        </span>
      </th>
      <td className="pr-2">
        <button
          type="button"
          className={`btn btn-small ${link.up ? "border-ok/60 text-ok" : "border-bad/60 text-bad"}`}
          aria-label={`${link.name} is ${link.up ? "up" : "down"}: set it ${link.up ? "down" : "up"}`}
          onClick={() => run(`ip link set ${link.name} ${link.up ? "down" : "up"}`)}
        >
          {link.up ? "● up" : "○ down"}
        </button>
      </td>
      <td className="pr-2">
        {canEnslave ? (
          <select
            className="field"
            aria-label={`Bridge of ${link.name}`}
            value={master ?? ""}
            onChange={(e) => run(e.target.value ? `ip link set ${link.name} master ${e.target.value}` : `ip link set ${link.name} nomaster`)}
          >
            <option value="">no bridge</option>
            {bridges.map((b) => (
              <option key={b.name} value={b.name}>
                in {b.name}
              </option>
            ))}
          </select>
        ) : (
          <span className="text-xs text-faint">{master ? `in ${master}` : ""}</span>
        )}
      </td>
      <td>
        {link.kind !== "loopback" ? (
          <span className="flex items-center gap-1">
            <input className="field w-16" aria-label={`MTU of ${link.name}`} value={mtu} onChange={(e) => setMtu(e.target.value)} inputMode="numeric" />
            <button type="button" className="btn btn-small" disabled={mtu === String(link.mtu)} onClick={() => run(`ip link set ${link.name} mtu ${mtu.trim()}`)}>
              Set
            </button>
          </span>
        ) : null}
      </td>
    </tr>
  );
}

export function InterfacesEditor({ host, hostNames, run }: Props) {
  const [addr, setAddr] = useState("");
  const [addrDev, setAddrDev] = useState("");
  const [kind, setKind] = useState<"veth" | "bridge">("veth");
  const [name, setName] = useState("");
  const [peer, setPeer] = useState("eth0");
  const [netns, setNetns] = useState("");
  const devs = host.links.map((l) => l.name);
  const dev = addrDev || devs.find((d) => d !== "lo") || "lo";
  const addLine = `ip addr add ${addr.trim() || "ADDRESS/PREFIX"} dev ${dev}`;
  const newLine = kind === "bridge" ? `ip link add ${name.trim() || "NAME"} type bridge` : `ip link add ${name.trim() || "NAME"} type veth peer name ${peer.trim() || "PEER"}${netns ? ` netns ${netns}` : ""}`;
  return (
    <div>
      <Section title="Links">
        <table className="w-full text-sm">
          <thead className="sr-only">
            <tr>
              <th>Device</th>
              <th>State</th>
              <th>Bridge</th>
              <th>MTU</th>
            </tr>
          </thead>
          <tbody>
            {host.links.map((l) => (
              <LinkRow key={`${l.ifindex}-${l.name}-${l.mtu}`} host={host} link={l} run={run} />
            ))}
          </tbody>
        </table>
      </Section>
      <Section title="Addresses">
        <ul className="space-y-1">
          {host.addrs.map((a) => {
            const d = host.links.find((l) => l.ifindex === a.ifindex)?.name ?? "?";
            const text = `${formatIPv4(a.address)}/${a.prefixLen}`;
            return (
              <li key={`${d}-${text}`} className="flex items-center justify-between gap-2 font-mono text-[0.8rem]">
                <span>
                  {text} <span className="text-faint">dev {d} scope {a.scope}</span>
                </span>
                {d !== "lo" ? (
                  <button type="button" className="btn btn-small" aria-label={`Delete address ${text} from ${d}`} onClick={() => run(`ip addr del ${text} dev ${d}`)}>
                    Delete
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
        <form
          className="mt-2 flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (addr.trim()) run(addLine);
          }}
        >
          <TextField label="Address" value={addr} onChange={setAddr} placeholder="10.244.0.5/24" width="w-36" />
          <SelectField label="Device" value={dev} onChange={setAddrDev} options={devs} />
          <button type="submit" className="btn btn-small" disabled={!addr.trim()}>
            Add address
          </button>
        </form>
      </Section>
      <Section title="New link">
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) run(newLine);
          }}
        >
          <SelectField label="Type" value={kind} onChange={(v) => setKind(v as "veth" | "bridge")} options={["veth", "bridge"]} />
          <TextField label="Name" value={name} onChange={setName} placeholder={kind === "veth" ? "veth-new" : "br1"} width="w-28" />
          {kind === "veth" ? (
            <>
              <TextField label="Peer name" value={peer} onChange={setPeer} width="w-20" />
              <SelectField label="Peer namespace" value={netns} onChange={setNetns} options={[{ value: "", label: "(this host)" }, ...hostNames.filter((h) => h !== host.name).map((h) => ({ value: h, label: h }))]} />
            </>
          ) : null}
          <button type="submit" className="btn btn-small" disabled={!name.trim()}>
            Create
          </button>
        </form>
        <CommandPreview line={newLine} />
      </Section>
    </div>
  );
}
