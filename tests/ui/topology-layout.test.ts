import { describe, expect, it } from "vitest";
import { serviceVips } from "../../app/_lib/service-vips";
import { layoutTopology } from "../../app/_lib/topology-layout";
import { GEOMETRY, portLabel, portLabelWidth, type TopoLayout } from "../../app/_lib/topology-views";
import { levelFiles } from "../../server/levels/catalog";
import { after, DNAT_B, prepared } from "./levels";

const inside = (layout: TopoLayout, inner: string, outer: string) => {
  const a = layout.hosts.find((h) => h.name === inner)!;
  const b = layout.hosts.find((h) => h.name === outer)!;
  return a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;
};
const port = (layout: TopoLayout, id: string) => layout.ports.find((p) => p.id === id);

describe("topology layout", () => {
  const p = prepared("svc-reach-service-b");
  const layout = layoutTopology(p.start, { editable: p.level.editable, vips: serviceVips(p.start, p.level) });

  it("draws every host, pods inside the node they run on", () => {
    expect(layout.hosts.map((h) => h.name).sort()).toEqual(["node1", "pod-a", "pod-b", "tor"]);
    expect(inside(layout, "pod-a", "node1")).toBe(true);
    expect(inside(layout, "pod-b", "node1")).toBe(true);
    expect(layout.hosts.find((h) => h.name === "node1")!.editable).toBe(true);
    expect(layout.hosts.find((h) => h.name === "pod-a")!.ip).toBe("10.244.0.2");
  });

  it("puts the switch above the nodes, its port straight above the node's eth0", () => {
    const tor = layout.hosts.find((h) => h.name === "tor")!;
    const node = layout.hosts.find((h) => h.name === "node1")!;
    expect(tor.y + tor.h).toBeLessThan(node.y);
    expect(port(layout, "tor/port1")!.x).toBe(port(layout, "node1/eth0")!.x);
  });

  it("has one wire per veth pair and a bridge membership per enslaved port", () => {
    // tor/port1-node1/eth0 and a veth per pod
    expect(layout.wires).toHaveLength(3);
    expect(layout.wires.every((w) => w.up)).toBe(true);
    expect(layout.members.map((m) => m.port).sort()).toEqual(["node1/veth06316318", "node1/veth71866a09", "tor/port1"]);
    expect(layout.bridges.map((b) => b.id).sort()).toEqual(["node1/cni0", "tor/br0"]);
  });

  it("lets the student drag only veth ends of editable hosts that have a bridge", () => {
    expect(port(layout, "node1/veth71866a09")!.draggable).toBe(true);
    expect(port(layout, "pod-a/eth0")!.draggable).toBe(false);
    expect(port(layout, "tor/port1")!.draggable).toBe(false);
  });

  it("shows the Service VIP the goals aim at, unprogrammed until a DNAT rule points it at pod-b", () => {
    expect(layout.vips).toHaveLength(1);
    expect(layout.vips[0]).toMatchObject({ ip: "10.96.0.20", programmed: false, endpoints: [] });
    const solved = after(p.start, [["node1", DNAT_B]]);
    const l2 = layoutTopology(solved, { editable: p.level.editable, vips: serviceVips(solved, p.level) });
    expect(l2.vips[0]).toMatchObject({ ip: "10.96.0.20", programmed: true });
    expect(l2.vips[0]!.endpoints.map((e) => e.host)).toEqual(["pod-b"]);
  });

  it("is a function of the state: the same state gives the same picture", () => {
    const again = layoutTopology(p.start, { editable: p.level.editable, vips: serviceVips(p.start, p.level) });
    expect(again).toEqual(layout);
  });

  it("marks a down interface and its wire", () => {
    const q = prepared("node-veth-down");
    const l = layoutTopology(q.start, { editable: q.level.editable });
    const down = l.ports.filter((x) => !x.up).map((x) => x.id);
    expect(down).toEqual(["node1/veth589dfa7a"]);
    expect(l.wires.find((w) => w.a === "node1/veth589dfa7a" || w.b === "node1/veth589dfa7a")!.up).toBe(false);
    const fixed = after(q.start, [["node1", "ip link set veth589dfa7a up"]]);
    expect(layoutTopology(fixed, { editable: q.level.editable }).ports.every((x) => x.up)).toBe(true);
  });

  it("moves a veth's membership line when it is detached and attached", () => {
    const q = prepared("node-veth-no-master");
    const l = layoutTopology(q.start, { editable: q.level.editable });
    expect(l.members.some((m) => m.port === "node1/vethfc6310be")).toBe(false);
    const fixed = after(q.start, [["node1", "ip link set vethfc6310be master cni0"]]);
    const l2 = layoutTopology(fixed, { editable: q.level.editable });
    expect(l2.members.find((m) => m.port === "node1/vethfc6310be")?.bridge).toBe("node1/cni0");
  });

  it("draws VXLAN tunnels from the VTEPs' FDB entries, one-way when an entry is missing", () => {
    const q = prepared("overlay-missing-fdb");
    const l = layoutTopology(q.start, { editable: q.level.editable });
    expect(l.tunnels.length).toBeGreaterThanOrEqual(6);
    const oneWay = l.tunnels.filter((t) => !t.both);
    expect(oneWay).toHaveLength(1);
    expect([oneWay[0]!.a, oneWay[0]!.b]).toContain("node1/flannel.1");
  });

  it("points a tunnel at a node's address when that node has no VTEP yet", () => {
    const q = prepared("overlay-new-node");
    const l = layoutTopology(q.start, { editable: q.level.editable });
    const dangling = l.tunnels.filter((t) => t.dangling);
    expect(dangling.length).toBeGreaterThan(0);
    expect(dangling.every((t) => t.b.startsWith("node3/") || t.a.startsWith("node3/"))).toBe(true);
  });

  it("keeps arches between directly cabled nodes inside the picture", () => {
    const q = prepared("cross-rp-filter-asymmetric");
    const l = layoutTopology(q.start, { editable: q.level.editable });
    expect(l.wires.filter((w) => w.a.startsWith("node1/eth") && w.b.startsWith("node2/eth"))).toHaveLength(2);
    for (const w of l.wires) {
      const ys = [...w.path.matchAll(/-?\d+(\.\d+)?/g)].map((m) => Number(m[0])).filter((_, i) => i % 2 === 1);
      // a cubic stays within its control points' hull: y >= min control y * 3/4 of the lift
      expect(Math.min(...ys)).toBeGreaterThan(-20);
    }
  });

  it("places externals in their own column", () => {
    const q = prepared("egress-fix-broken-masquerade");
    const l = layoutTopology(q.start, { editable: q.level.editable });
    const ext = l.hosts.find((h) => h.name === "payments")!;
    const nodes = l.hosts.filter((h) => h.role === "node");
    expect(nodes.every((n) => n.x + n.w <= ext.x)).toBe(true);
    expect(port(l, "tor/port4")!.x).toBe(port(l, "payments/eth0")!.x);
  });

  it("makes a node wide enough for the labels of its pod veths, in every level (the label ends inside the box)", () => {
    const overflows: string[] = [];
    for (const { id } of levelFiles()) {
      const q = prepared(id);
      const l = layoutTopology(q.start, { editable: q.level.editable });
      for (const n of l.hosts.filter((h) => h.role === "node")) {
        for (const pt of l.ports.filter((x) => x.host === n.name && x.side === "bottom")) {
          const end = pt.x + GEOMETRY.portLabelDx + portLabelWidth(portLabel(pt.dev, pt.up));
          if (end > n.x + n.w - GEOMETRY.labelPad / 2) overflows.push(`${id}: ${pt.id} ends at ${end}, the box at ${n.x + n.w}`);
        }
      }
    }
    expect(overflows).toEqual([]);
    // The level whose second veth used to stick out: node1 grew to fit it.
    const node1 = layout.hosts.find((h) => h.name === "node1")!;
    const veth = port(layout, "node1/veth06316318")!;
    expect(veth.x + GEOMETRY.portLabelDx + portLabelWidth("veth06316318")).toBeLessThanOrEqual(node1.x + node1.w - GEOMETRY.labelPad);
  });

  it("counts a down port's label with its ' down' mark", () => {
    expect(portLabel("veth1", false)).toBe("veth1 down");
    expect(portLabelWidth(portLabel("veth1", false))).toBeGreaterThan(portLabelWidth(portLabel("veth1", true)));
  });
});
