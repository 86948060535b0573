"use client";
/** The switches that decide whether a node forwards, filters by source, and lets iptables see bridged traffic. */
import type { Host } from "@/engine/model/types";
import { Section } from "./form-kit";

function Switch({ label, hint, on, onToggle }: { label: string; hint: string; on: boolean; onToggle: () => void }) {
  return (
    <div className="flex items-start justify-between gap-3 py-1">
      <div>
        <p className="font-mono text-[0.8rem] text-fg">{label}</p>
        <p className="text-xs text-faint">{hint}</p>
      </div>
      <button type="button" role="switch" aria-checked={on} aria-label={label} onClick={onToggle} className={`btn btn-small shrink-0 ${on ? "border-ok/60 text-ok" : "text-muted"}`}>
        {on ? "1 (on)" : "0 (off)"}
      </button>
    </div>
  );
}

const RP = [
  { value: "0", label: "0 off" },
  { value: "1", label: "1 strict" },
  { value: "2", label: "2 loose" },
];

export function SysctlEditor({ host, run }: { host: Host; run: (line: string) => void }) {
  const conf = host.sysctl.conf;
  const forwarding = (conf["all"]?.forwarding ?? 0) === 1;
  const nf = host.sysctl.bridgeNfCallIptables === 1;
  const devices = ["all", "default", ...host.links.filter((l) => l.kind !== "loopback").map((l) => l.name)];
  return (
    <div>
      <Section title={`sysctl on ${host.name}`}>
        <Switch label="net.ipv4.ip_forward" hint="Route packets between interfaces (a node must, for its pods)." on={forwarding} onToggle={() => run(`sysctl -w net.ipv4.ip_forward=${forwarding ? 0 : 1}`)} />
        <Switch
          label="net.bridge.bridge-nf-call-iptables"
          hint="Bridged frames pass through iptables and conntrack (kube-proxy needs it)."
          on={nf}
          onToggle={() => run(`sysctl -w net.bridge.bridge-nf-call-iptables=${nf ? 0 : 1}`)}
        />
      </Section>
      <Section title="rp_filter (reverse path filter)">
        <p className="mb-1 text-xs text-faint">The kernel uses the higher of conf.all and the device&apos;s value.</p>
        <table className="w-full text-sm">
          <tbody>
            {devices.map((d) => {
              const value = String((conf[d] ?? conf["default"])?.rp_filter ?? 0);
              const key = `net.ipv4.conf.${d.replaceAll(".", "/")}.rp_filter`;
              return (
                <tr key={d}>
                  <th scope="row" className="py-0.5 text-left font-mono text-[0.8rem] font-normal">
                    {d}
                  </th>
                  <td className="text-right">
                    <select className="field" aria-label={key} value={value} onChange={(e) => run(`sysctl -w ${key}=${e.target.value}`)}>
                      {RP.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Section>
    </div>
  );
}
