/** The parts drawn over the columns of the topology canvas: VXLAN tunnels between VTEPs, and Service VIP boxes. */
import type { Host } from "@/engine/model/types";
import type { ServiceVip } from "./service-vips";
import { arch, curve } from "./topology-paths";
import { GEOMETRY as G, type HostView, type PortView, type TunnelView, type VipView } from "./topology-views";

/** VXLAN tunnels from the VTEPs' FDB entries (A has an entry with dst = B's address). */
export function vxlanTunnels(hosts: readonly Host[], ports: ReadonlyMap<string, PortView>, room: number): TunnelView[] {
  const owner = new Map<number, Host>();
  for (const h of hosts) for (const a of h.addrs) if (a.scope === "global" && !owner.has(a.address)) owner.set(a.address, h);
  const found = new Map<string, { a: string; b: string; vni: number; dirs: Set<string>; dangling: boolean }>();
  for (const h of hosts) {
    for (const f of h.fdb) {
      if (f.kind !== "vxlan") continue;
      const dev = h.links.find((l) => l.ifindex === f.dev);
      const far = owner.get(f.dst);
      if (!dev || dev.kind !== "vxlan" || !far || far === h) continue;
      const a = `${h.name}/${dev.name}`;
      const farVtep = far.links.find((l) => l.kind === "vxlan");
      const farAddr = far.links.find((l) => far.addrs.some((x) => x.address === f.dst && x.ifindex === l.ifindex));
      const b = farVtep ? `${far.name}/${farVtep.name}` : farAddr ? `${far.name}/${farAddr.name}` : undefined;
      if (!b || !ports.has(a) || !ports.has(b)) continue;
      const id = [a, b].sort().join("~");
      const t = found.get(id) ?? { a, b, vni: dev.vni, dirs: new Set<string>(), dangling: !farVtep };
      t.dirs.add(a);
      found.set(id, t);
    }
  }
  return [...found.entries()].map(([id, t]) => {
    const pa = ports.get(t.a)!;
    const pb = ports.get(t.b)!;
    const path = arch(pa, pb, room);
    return { id, a: t.a, b: t.b, vni: t.vni, both: t.dirs.size > 1, dangling: t.dangling, path };
  });
}

/** VIP boxes under the columns, each near its endpoints, pushed apart left to right. */
export function placeVips(vips: readonly ServiceVip[], hosts: readonly HostView[], y: number): VipView[] {
  const center = (name: string) => hosts.find((h) => h.name === name);
  const wanted = vips.map((v) => {
    const ends = v.endpoints.map(center).filter((h): h is HostView => h !== undefined);
    const cx = ends.length > 0 ? ends.reduce((s, h) => s + h.x + h.w / 2, 0) / ends.length : G.margin + G.vipW / 2;
    return { v, ends, x: cx - G.vipW / 2 };
  });
  wanted.sort((a, b) => a.x - b.x);
  let minX = G.margin;
  return wanted.map(({ v, ends, x }) => {
    const vx = Math.max(minX, x);
    minX = vx + G.vipW + 12;
    const label = `${v.name ? `${v.name.replace(/^default\//, "")} ` : ""}${v.ip}${v.ports.length ? `:${v.ports.join(",")}` : ""}`;
    return {
      ip: v.ip,
      label,
      x: vx,
      y,
      w: G.vipW,
      h: G.vipH,
      programmed: v.programmedOn.length > 0,
      endpoints: ends.map((h) => ({ host: h.name, path: curve({ x: vx + G.vipW / 2, y, side: "top" }, { x: h.x + h.w / 2, y: h.y + h.h, side: "bottom" }) })),
    };
  });
}
