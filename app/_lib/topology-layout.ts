/**
 * The topology canvas as plain geometry, laid out in simple columns from the state alone, so
 * the same state always draws the same picture (and tests can check it without a DOM):
 *
 *   row 1   routers/switches, their ports on the bottom edge right above the hosts they cable to
 *   row 2   one column per node (its uplinks and VTEPs on the top edge, bridges as bars, the
 *           node ends of pod veths, and its pods as boxes), then unscheduled pods, then externals
 *   row 3   Service VIPs as dashed boxes, with dashed lines up to their DNAT endpoints
 *
 * The view types and measures are in topology-views.ts, path strings in topology-paths.ts, and
 * tunnels and VIP boxes in topology-overlays.ts. The column pass itself stays one function: it
 * has to see every part.
 */
import { formatIPv4 } from "@/engine/addr/ipv4";
import type { Host, Link, NetState } from "@/engine/model/types";
import type { ServiceVip } from "./service-vips";
import { arch, curve } from "./topology-paths";
import { placeVips, vxlanTunnels } from "./topology-overlays";
import { GEOMETRY as G, portLabel, portLabelWidth, type BridgeView, type HostView, type MemberView, type PortView, type Side, type TopoLayout, type WireView } from "./topology-views";

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
