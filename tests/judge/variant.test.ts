import { describe, expect, it } from "vitest";
import { parseLevelText } from "../../content/level/load";
import { chooseParams, fillPlaceholders } from "../../engine/index";
import { SERVICE_LEVEL } from "./fixtures";

const VARIANT = SERVICE_LEVEL.replace("id: test-service", `id: test-service
params:
  port: { pick: [8080, 8081, 9090] }
  octet: { range: [5, 200] }`)
  .replaceAll("ip: 10.244.0.3, ports: [{ containerPort: 8080 }]", 'ip: "10.244.0.{{octet}}", ports: [{ containerPort: "{{port}}" }]')
  .replace("--to-destination 10.244.0.3:8080", "--to-destination 10.244.0.{{octet}}:{{port}}");

describe("level variants", () => {
  it("[JV1] the same seed gives the same level; different seeds give different ones", () => {
    const a = parseLevelText(VARIANT, { seed: 7 });
    const b = parseLevelText(VARIANT, { seed: 7 });
    expect(a.ok && b.ok).toBe(true);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const seen = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      const r = parseLevelText(VARIANT, { seed });
      if (!r.ok) throw new Error(r.errors.join("\n"));
      seen.add(JSON.stringify(r.values));
    }
    expect(seen.size).toBeGreaterThan(10);
  });

  it("[JV2] a parameter's value does not depend on which other parameters exist", () => {
    for (let seed = 0; seed < 50; seed++) {
      expect(chooseParams({ a: { range: [1, 1000] } }, seed).a).toBe(chooseParams({ a: { range: [1, 1000] }, z: { pick: ["x", "y"] } }, seed).a);
    }
  });

  it("[JV1] values stay inside their declared range or list", () => {
    for (let seed = 0; seed < 200; seed++) {
      const v = chooseParams({ n: { range: [5, 9] }, p: { pick: ["a", "b"] } }, seed);
      expect(v.n).toBeGreaterThanOrEqual(5);
      expect(v.n).toBeLessThanOrEqual(9);
      expect(["a", "b"]).toContain(v.p);
    }
  });

  it("[JV3] a string that is one placeholder of a number becomes the number; others are text", () => {
    expect(fillPlaceholders({ port: "{{p}}", line: "dport {{p}}", list: ["{{ p }}"] }, { p: 8080 })).toEqual({ port: 8080, line: "dport 8080", list: [8080] });
    const r = parseLevelText(VARIANT, { seed: 3 });
    if (!r.ok) throw new Error(r.errors.join("\n"));
    const podB = r.level.start.kind === "cluster" ? r.level.start.cluster.pods[1]! : undefined;
    expect(podB?.ip).toBe(`10.244.0.${r.values.octet}`);
    expect(podB?.ports?.[0]?.containerPort).toBe(r.values.port);
    expect(r.level.solution[0]!.line).toContain(`--to-destination 10.244.0.${r.values.octet}:${r.values.port}`);
  });

  it("names a placeholder that is not declared, and a parameter that is never used", () => {
    const undeclared = parseLevelText(VARIANT.replace("{{port}}", "{{prot}}"), { fileName: "v.yaml" });
    expect(undeclared.ok ? [] : undeclared.errors).toEqual(expect.arrayContaining(["v.yaml: {{prot}} is used but not declared under params"]));
    const unused = parseLevelText(VARIANT.replace("  octet: { range: [5, 200] }", "  octet: { range: [5, 200] }\n  spare: { pick: [1, 2] }"), { fileName: "v.yaml" });
    expect(unused.ok ? [] : unused.errors).toEqual(["v.yaml: params.spare: is declared but never used as {{spare}}"]);
  });
});
