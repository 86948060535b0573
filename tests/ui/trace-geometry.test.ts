import { describe, expect, it } from "vitest";
import { layoutTopology } from "../../app/_lib/topology-layout";
import { outcomeLabel, probeByKey, probeChoices, probeLabel, stepSpot } from "../../app/_lib/trace-geometry";
import { judge } from "../../engine/judge/judge";
import { after, DNAT_B, prepared } from "./levels";

describe("trace steps on the canvas", () => {
  const p = prepared("svc-reach-service-b");
  const solved = after(p.start, [["node1", DNAT_B]]);
  const verdict = judge(p, solved);
  const layout = layoutTopology(solved, { editable: p.level.editable });
  const trace = probeByKey(verdict, "a-reaches-b#0")!.shown.trace;

  it("puts a transmission at the receiving end of the veth", () => {
    const tx = trace.find((e) => e.step === "tx" && e.host === "pod-a")!;
    const spot = stepSpot(layout, tx)!;
    const port = layout.ports.find((x) => x.id === "node1/veth71866a09")!;
    expect(spot).toMatchObject({ x: port.x, y: port.y, host: "node1", dead: false });
  });

  it("puts a bridge step on the bridge bar, above the port it leaves by", () => {
    const br = trace.find((e) => e.step === "bridge" && e.host === "node1" && e.outPorts.length === 1)!;
    const spot = stepSpot(layout, br)!;
    const bar = layout.bridges.find((b) => b.id === "node1/cni0")!;
    expect(spot.y).toBe(bar.y + bar.h / 2);
    expect(spot.x).toBeGreaterThanOrEqual(bar.x);
    expect(spot.x).toBeLessThanOrEqual(bar.x + bar.w);
  });

  it("places every step of a trace somewhere on the picture", () => {
    for (const e of trace) {
      const s = stepSpot(layout, e);
      expect(s).toBeDefined();
      expect(s!.x).toBeGreaterThan(0);
      expect(s!.x).toBeLessThan(layout.width);
    }
  });

  it("marks where a packet dies", () => {
    const failing = judge(p, p.start);
    const t = probeByKey(failing, "a-reaches-b#0")!.shown.trace;
    const drop = t.find((e) => e.step === "drop")!;
    expect(stepSpot(layoutTopology(p.start, { editable: [] }), drop)!.dead).toBe(true);
  });
});

describe("probe choices", () => {
  it("flags the probe that breaks its goal, and labels probes and outcomes in words", () => {
    const p = prepared("svc-reach-service-b");
    const choices = probeChoices(judge(p, p.start));
    expect(choices.map((c) => [c.key, c.ok])).toEqual([
      ["a-reaches-b#0", false],
      ["no-nat-source#0", false],
    ]);
    const probe = probeByKey(judge(p, after(p.start, [["node1", DNAT_B]])), "a-reaches-b#0")!;
    expect(probeLabel(probe.probe)).toBe("pod-a → TCP 10.96.0.20:80");
    expect(outcomeLabel(probe.outcomes[0]!)).toBe("connected to pod-b, which saw 10.244.0.2 → 10.244.0.3:8080");
    expect(probeByKey(judge(p, p.start), "nope#0")).toBeUndefined();
  });

  it("finds the one failing pair in an invariant over many pods", () => {
    const p = prepared("node-veth-no-master");
    const choices = probeChoices(judge(p, p.start)).filter((c) => c.goalId === "pods-reach-pods");
    expect(choices.length).toBeGreaterThan(3);
    expect(choices.some((c) => c.ok)).toBe(true);
    expect(choices.some((c) => !c.ok)).toBe(true);
  });
});
