/**
 * (Over 400 lines on purpose: the column layout's passes share one set of measures and read
 * best top to bottom; split, they would pass those measures around.)
 *
 * The topology canvas as plain geometry, laid out in simple columns from the state alone, so
 * the same state always draws the same picture (and tests can check it without a DOM):
 *
 *   row 1   routers/switches, their ports on the bottom edge right above the hosts they cable to
 *   row 2   one column per node (its uplinks and VTEPs on the top edge, bridges as bars, the
 *           node ends of pod veths, and its pods as boxes), then unscheduled pods, then externals
 *   row 3   Service VIPs as dashed boxes, with dashed lines up to their DNAT endpoints
 *
 * VXLAN tunnels come from the VTEPs' FDB entries (A has an entry with dst = B's address).
 * This file is over 150 lines because the layout is one pass that has to see every part.
 */
import { formatIPv4 } from "@/engine/addr/ipv4";
import type { Host, Link, LinkKind, NetState } from "@/engine/model/types";
import type { ServiceVip } from "./service-vips";

export interface Pt {
  readonly x: number;
  readonly y: number;
}
export type Side = "top" | "bottom" | "left" | "right";

export interface PortView extends Pt {
  /** "host/dev" */
  readonly id: string;
  readonly host: string;
  readonly dev: string;
  readonly kind: LinkKind;
  readonly up: boolean;
  readonly side: Side;
  /** The bridge it is a port of. */
  readonly master?: string;
  /** A veth end the student may drag onto a bridge of its host. */
  readonly draggable: boolean;
  readonly mtu: number;
}

export interface BridgeView {
  readonly id: string;
  readonly host: string;
  readonly dev: string;
  readonly up: boolean;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly label: string;
}

export interface HostView {
  readonly name: string;
  readonly role: Host["role"];
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly editable: boolean;
  /** The host's main address (eth0 or its first global one). */
  readonly ip?: string;
  readonly loUp?: boolean;
}

export interface WireView {
  readonly id: string;
  readonly a: string;
  readonly b: string;
  readonly up: boolean;
  readonly path: string;
}
export interface MemberView {
  readonly port: string;
  readonly bridge: string;
  readonly up: boolean;
  readonly path: string;
}
export interface TunnelView {
  readonly id: string;
  readonly a: string;
  readonly b: string;
  readonly vni: number;
  /** Both VTEPs have an FDB entry for each other. */
  readonly both: boolean;
  /** The far end is a host address without a VTEP. */
  readonly dangling: boolean;
  readonly path: string;
}
export interface VipView {
  readonly ip: string;
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly programmed: boolean;
  readonly endpoints: readonly { readonly host: string; readonly path: string }[];
}

export interface TopoLayout {
  readonly width: number;
  readonly height: number;
  readonly hosts: readonly HostView[];
  readonly ports: readonly PortView[];
  readonly bridges: readonly BridgeView[];
  readonly wires: readonly WireView[];
  readonly members: readonly MemberView[];
  readonly tunnels: readonly TunnelView[];
  readonly vips: readonly VipView[];
}

export const GEOMETRY = {
  margin: 12,
  gap: 22,
  routerH: 46,
  rowGap: 44,
  nodeMinW: 236,
  podW: 118,
  podH: 50,
  podGap: 12,
  bridgeY: 36,
  bridgeH: 17,
  vethY: 72,
  podY: 98,
  uplinkX: 118,
  uplinkStep: 58,
  externalW: 150,
  externalH: 54,
  vipW: 156,
  vipH: 30,
  vipGap: 26,
  /** Port labels: font size, the width of one character (monospace, a little over 0.6 em), and where a label beside its dot starts. */
  portFont: 10,
  portCharW: 6.2,
  portLabelDx: 9,
  /** Room kept between a label and its host's right edge. */
  labelPad: 6,
} as const;
const G = GEOMETRY;

/** A port's label as the canvas draws it. */
export function portLabel(dev: string, up: boolean): string {
  return up ? dev : `${dev} down`;
}

/** How wide a port label is drawn (the canvas's monospace font at `portFont`). */
export function portLabelWidth(text: string): number {
  return text.length * G.portCharW;
}

interface Options {
  readonly editable: readonly string[];
  readonly vips?: readonly ServiceVip[];
}

export function layoutTopology(state: NetState, options: Options): TopoLayout {
  const hosts = Object.values(state.hosts);
  const editable = new Set(options.editable);
  const byName = new Map(hosts.map((h) => [h.name, h]));
  const nodes = hosts.filter((h) => h.role === "node");
  const nodeNames = new Set(nodes.map((n) => n.name));
  const podsOf = (node: string) => hosts.filter((h) => h.role === "pod" && h.node === node);
  const orphans = hosts.filter((h) => h.role === "pod" && (h.node === undefined || !nodeNames.has(h.node)));
  const externals = hosts.filter((h) => h.role === "external");
  const routers = hosts.filter((h) => h.role === "router");

  const views: HostView[] = [];
  const ports = new Map<string, PortView>();
  const bridges: BridgeView[] = [];
  const hasBridge = (h: Host) => h.links.some((l) => l.kind === "bridge");
  const masterName = (h: Host, l: Link) => (l.master !== undefined ? h.links.find((m) => m.ifindex === l.master)?.name : undefined);
  const addPort = (h: Host, l: Link, x: number, y: number, side: Side) => {
    const master = masterName(h, l);
    ports.set(`${h.name}/${l.name}`, {
      id: `${h.name}/${l.name}`,
      host: h.name,
      dev: l.name,
      kind: l.kind,
      up: l.up,
      side,
      x,
      y,
      mtu: l.mtu,
      draggable: l.kind === "veth" && editable.has(h.name) && hasBridge(h),
      ...(master !== undefined ? { master } : {}),
    });
  };
  const hostView = (h: Host, x: number, y: number, w: number, hgt: number) => {
    const lo = h.links.find((l) => l.kind === "loopback");
    const ip = mainAddress(h);
    views.push({ name: h.name, role: h.role, x, y, w, h: hgt, editable: editable.has(h.name), ...(ip ? { ip } : {}), ...(lo ? { loUp: lo.up } : {}) });
  };
  const addBridges = (h: Host, x: number, y: number, w: number) => {
    h.links
      .filter((l) => l.kind === "bridge")
      .forEach((b, i) => {
        const addr = h.addrs.find((a) => a.ifindex === b.ifindex && a.scope === "global");
        const label = addr ? `${b.name} ${formatIPv4(addr.address)}/${addr.prefixLen}` : b.name;
        bridges.push({ id: `${h.name}/${b.name}`, host: h.name, dev: b.name, up: b.up, x, y: y + i * (G.bridgeH + 6), w, h: G.bridgeH, label });
      });
  };

  const rowY = routers.length > 0 ? G.margin + G.routerH + G.rowGap : G.margin + 64;
  let x = G.margin;
  let bottom = rowY;

  // Row 2: node columns with their pods.
  for (const node of nodes) {
    const pods = podsOf(node.name);
    const podIndex = new Map(pods.map((p, i) => [p.name, i]));
    const slotX = (i: number) => x + G.podGap + i * (G.podW + G.podGap) + G.podW / 2;
    // The node ends of pod veths sit above their pod, labelled right of their dot; the rest are uplinks on the top edge.
    const perPod = new Map<string, number>();
    const own = node.links.filter((l) => l.kind !== "loopback" && l.kind !== "bridge");
    const podEndX = own.map((l) => {
      const peerPod = l.kind === "veth" ? podIndex.get(l.peer.host) : undefined;
      if (l.kind !== "veth" || peerPod === undefined) return undefined;
      const k = perPod.get(l.peer.host) ?? 0;
      perPod.set(l.peer.host, k + 1);
      return slotX(peerPod) + k * 22;
    });
    // Wide enough for its pods, and for every such label to end inside the node's box.
    const labelsRight = Math.max(0, ...own.map((l, i) => (podEndX[i] === undefined ? 0 : podEndX[i] + G.portLabelDx + portLabelWidth(portLabel(l.name, l.up)) + G.labelPad - x)));
    const w = Math.ceil(Math.max(G.nodeMinW, pods.length * (G.podW + G.podGap) + G.podGap, labelsRight));
    const hgt = pods.length > 0 ? G.podY + G.podH + 10 : G.bridgeY + (hasBridge(node) ? G.bridgeH + 20 : 10);
    hostView(node, x, rowY, w, hgt);
    addBridges(node, x + 10, rowY + G.bridgeY, w - 20);
    let uplink = 0;
    own.forEach((l, i) => {
      const px = podEndX[i];
      if (px !== undefined) addPort(node, l, px, rowY + G.vethY, "bottom");
      else addPort(node, l, x + Math.min(G.uplinkX + uplink++ * G.uplinkStep, w - 20), rowY, "top");
    });
    pods.forEach((pod, i) => {
      const px = x + G.podGap + i * (G.podW + G.podGap);
      const py = rowY + G.podY;
      hostView(pod, px, py, G.podW, G.podH);
      placeOwnPorts(pod, px, py, G.podW, addPort);
    });
    bottom = Math.max(bottom, rowY + hgt);
    x += w + G.gap;
  }

  // Unscheduled pods and scenario hosts that belong to no node: one column of boxes.
  if (orphans.length > 0) {
    let y = rowY;
    for (const pod of orphans) {
      hostView(pod, x, y, G.podW + 20, G.podH + 10);
      placeOwnPorts(pod, x, y, G.podW + 20, addPort);
      y += G.podH + 10 + 26;
    }
    bottom = Math.max(bottom, y - 26);
    x += G.podW + 20 + G.gap;
  }

  for (const ext of externals) {
    const hasBr = hasBridge(ext);
    const hgt = G.externalH + (hasBr ? G.bridgeH + 8 : 0);
    hostView(ext, x, rowY, G.externalW, hgt);
    if (hasBr) addBridges(ext, x + 8, rowY + G.externalH - 8, G.externalW - 16);
    placeOwnPorts(ext, x, rowY, G.externalW, addPort);
    bottom = Math.max(bottom, rowY + hgt);
    x += G.externalW + G.gap;
  }

  const columnsRight = Math.max(x - G.gap, G.margin + 200);

  // Row 1: routers share the width above the columns; each port sits above its peer.
  if (routers.length > 0) {
    const span = (columnsRight - G.margin - (routers.length - 1) * G.gap) / routers.length;
    routers.forEach((r, i) => {
      const rx = G.margin + i * (span + G.gap);
      hostView(r, rx, G.margin, span, G.routerH);
      addBridges(r, rx + 90, G.margin + 8, span - 100);
      let spare = 0;
      const taken: number[] = [];
      for (const l of r.links) {
        if (l.kind === "loopback" || l.kind === "bridge") continue;
        const peer = l.kind === "veth" ? ports.get(`${l.peer.host}/${byName.get(l.peer.host)?.links.find((p) => p.ifindex === l.peer.ifindex)?.name}`) : undefined;
        let px = peer && peer.side === "top" ? peer.x : rx + 24 + spare++ * 50;
        while (taken.some((t) => Math.abs(t - px) < 14)) px += 16;
        taken.push(px);
        addPort(r, l, Math.min(px, rx + span - 8), G.margin + G.routerH, "bottom");
      }
    });
  }

  // Wires: one per veth pair.
  const wires: WireView[] = [];
  const seen = new Set<string>();
  for (const h of hosts) {
    for (const l of h.links) {
      if (l.kind !== "veth") continue;
      const peerHost = byName.get(l.peer.host);
      const peer = peerHost?.links.find((p) => p.ifindex === l.peer.ifindex);
      if (!peerHost || !peer) continue;
      const a = `${h.name}/${l.name}`;
      const b = `${peerHost.name}/${peer.name}`;
      const id = [a, b].sort().join("~");
      const pa = ports.get(a);
      const pb = ports.get(b);
      if (seen.has(id) || !pa || !pb) continue;
      seen.add(id);
      // Two ports on top edges (nodes cabled straight to each other): an arch that stays in view.
      const path = pa.side === "top" && pb.side === "top" ? arch(pa, pb, Math.min(pa.y, pb.y) - 4) : curve(pa, pb);
      wires.push({ id, a, b, up: l.up && peer.up, path });
    }
  }

  // Bridge memberships: a short line from the port to its bridge bar.
  const members: MemberView[] = [];
  for (const p of ports.values()) {
    if (p.master === undefined) continue;
    const br = bridges.find((b) => b.host === p.host && b.dev === p.master);
    if (!br) continue;
    const bx = Math.max(br.x + 4, Math.min(br.x + br.w - 4, p.x));
    const by = p.y < br.y ? br.y : br.y + br.h;
    members.push({ port: p.id, bridge: br.id, up: p.up && br.up, path: `M ${p.x} ${p.y} L ${bx} ${by}` });
  }

  const tunnels = vxlanTunnels(hosts, ports, routers.length > 0 ? G.rowGap - 6 : rowY - 4);
  const vips = placeVips(options.vips ?? [], views, bottom + G.vipGap);
  const height = (vips.length > 0 ? bottom + G.vipGap + G.vipH : bottom) + G.margin;
  return { width: columnsRight + G.margin, height, hosts: views, ports: [...ports.values()], bridges, wires, members, tunnels, vips };
}

/** A pod's (or external's) own links: on its top edge, spread out; loopback is shown as a chip instead. */
function placeOwnPorts(h: Host, x: number, y: number, w: number, add: (h: Host, l: Link, x: number, y: number, side: Side) => void): void {
  const own = h.links.filter((l) => l.kind !== "loopback" && l.kind !== "bridge");
  own.forEach((l, i) => add(h, l, x + ((i + 1) * w) / (own.length + 1), y, "top"));
}

function mainAddress(h: Host): string | undefined {
  const eth0 = h.links.find((l) => l.name === "eth0");
  const a = (eth0 && h.addrs.find((x) => x.ifindex === eth0.ifindex && x.scope === "global")) ?? h.addrs.find((x) => x.scope === "global");
  return a ? formatIPv4(a.address) : undefined;
}

const DIR: Record<Side, Pt> = { top: { x: 0, y: -1 }, bottom: { x: 0, y: 1 }, left: { x: -1, y: 0 }, right: { x: 1, y: 0 } };

/** A cubic curve leaving each port straight out of its edge. */
export function curve(a: Pt & { side: Side }, b: Pt & { side: Side }): string {
  const dist = Math.hypot(a.x - b.x, a.y - b.y);
  const k = Math.max(28, Math.min(90, dist / 2.5));
  const da = DIR[a.side];
  const db = DIR[b.side];
  return `M ${r(a.x)} ${r(a.y)} C ${r(a.x + da.x * k)} ${r(a.y + da.y * k)}, ${r(b.x + db.x * k)} ${r(b.y + db.y * k)}, ${r(b.x)} ${r(b.y)}`;
}
const r = (n: number) => Math.round(n * 10) / 10;

/** A curve from a to b rising at most `room` above them (a cubic reaches 3/4 of its control height). */
function arch(a: Pt, b: Pt, room: number): string {
  const lift = Math.min((room * 4) / 3, 34 + Math.abs(a.x - b.x) / 6);
  const top = Math.min(a.y, b.y) - lift;
  return `M ${r(a.x)} ${r(a.y)} C ${r(a.x)} ${r(top)}, ${r(b.x)} ${r(top)}, ${r(b.x)} ${r(b.y)}`;
}

function vxlanTunnels(hosts: readonly Host[], ports: ReadonlyMap<string, PortView>, room: number): TunnelView[] {
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
function placeVips(vips: readonly ServiceVip[], hosts: readonly HostView[], y: number): VipView[] {
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
