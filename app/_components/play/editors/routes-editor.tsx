"use client";
/** The main routing table of a host: list, delete, add. */
import { useState } from "react";
import { formatIPv4 } from "@/engine/addr/ipv4";
import type { Host, Route } from "@/engine/model/types";
import { CheckField, CommandPreview, SelectField, TextField, Section } from "./form-kit";

const dstText = (r: Route) => (r.dst === 0 && r.prefixLen === 0 ? "default" : `${formatIPv4(r.dst)}/${r.prefixLen}`);

export function routeText(host: Host, r: Route): string {
  const dev = r.ifindex !== undefined ? host.links.find((l) => l.ifindex === r.ifindex)?.name : undefined;
  return [
    r.type !== "unicast" ? r.type : "",
    dstText(r),
    r.via !== undefined ? `via ${formatIPv4(r.via)}` : "",
    dev ? `dev ${dev}` : "",
    r.proto !== "boot" ? `proto ${r.proto}` : "",
    r.scope !== "global" ? `scope ${r.scope}` : "",
    r.src !== undefined ? `src ${formatIPv4(r.src)}` : "",
    r.metric ? `metric ${r.metric}` : "",
    r.onlink ? "onlink" : "",
  ]
    .filter(Boolean)
    .join(" ");
}

/** The shortest `ip route del` that names this route and no other. */
export function routeDeleteLine(host: Host, r: Route): string {
  const dev = r.ifindex !== undefined ? host.links.find((l) => l.ifindex === r.ifindex)?.name : undefined;
  return ["ip route del", r.type !== "unicast" ? r.type : "", dstText(r), r.via !== undefined ? `via ${formatIPv4(r.via)}` : "", dev ? `dev ${dev}` : "", r.metric ? `metric ${r.metric}` : ""].filter(Boolean).join(" ");
}

export function RoutesEditor({ host, run }: { host: Host; run: (line: string) => void }) {
  const [dst, setDst] = useState("");
  const [via, setVia] = useState("");
  const [dev, setDev] = useState("");
  const [metric, setMetric] = useState("");
  const [type, setType] = useState("unicast");
  const [onlink, setOnlink] = useState(false);
  const line = ["ip route add", type !== "unicast" ? type : "", dst.trim() || "DESTINATION", via.trim() ? `via ${via.trim()}` : "", dev ? `dev ${dev}` : "", metric.trim() ? `metric ${metric.trim()}` : "", onlink ? "onlink" : ""].filter(Boolean).join(" ");
  return (
    <div>
      <Section title={`ip route on ${host.name}`}>
        {host.routes.length === 0 ? <p className="text-sm text-faint">No routes.</p> : null}
        <ul className="space-y-1">
          {host.routes.map((r, i) => {
            const text = routeText(host, r);
            return (
              <li key={`${i}-${text}`} className="flex items-center justify-between gap-2 font-mono text-[0.8rem]">
                <span className="break-all">{text}</span>
                <button type="button" className="btn btn-small shrink-0" aria-label={`Delete route ${text}`} onClick={() => run(routeDeleteLine(host, r))}>
                  Delete
                </button>
              </li>
            );
          })}
        </ul>
      </Section>
      <Section title="Add a route">
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (dst.trim()) run(line);
          }}
        >
          <SelectField label="Type" value={type} onChange={setType} options={["unicast", "blackhole", "unreachable", "prohibit"]} />
          <TextField label="Destination" value={dst} onChange={setDst} placeholder="10.244.1.0/24" width="w-32" />
          <TextField label="via" value={via} onChange={setVia} placeholder="192.168.50.12" width="w-32" />
          <SelectField label="dev" value={dev} onChange={setDev} options={[{ value: "", label: "(any)" }, ...host.links.map((l) => ({ value: l.name, label: l.name }))]} />
          <TextField label="metric" value={metric} onChange={setMetric} width="w-14" />
          <CheckField label="onlink" checked={onlink} onChange={setOnlink} />
          <button type="submit" className="btn btn-small" disabled={!dst.trim()}>
            Add route
          </button>
        </form>
        <CommandPreview line={line} />
      </Section>
    </div>
  );
}
