import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseLevelText, parseLevelValue } from "../../content/level/load";
import { SERVICE_LEVEL } from "./fixtures";

const errorsOf = (text: string) => {
  const r = parseLevelText(text, { fileName: "l.yaml" });
  return r.ok ? [] : r.errors;
};

describe("reading a level file", () => {
  it("reads the fixture", () => {
    expect(errorsOf(SERVICE_LEVEL)).toEqual([]);
  });

  it("says what is wrong and where", () => {
    expect(errorsOf(SERVICE_LEVEL.replace("proto: tcp, port: 80 }", "proto: tcp }"))).toEqual(["l.yaml: goals[0].probe.port: is required for tcp"]);
    expect(errorsOf(SERVICE_LEVEL.replace("editable: [node1]", "editable: [node9]"))).toEqual([
      'l.yaml: editable[0]: "node9" is not a host of this level (hosts: tor, node1, pod-a, pod-b, pod-c)',
      "l.yaml: solution[0]: runs on node1, which is not editable",
    ]);
    expect(errorsOf(SERVICE_LEVEL.replace("id: ips,", "id: reach-b,"))).toEqual(['l.yaml: goals[1].id: "reach-b" is used by an earlier goal']);
    expect(errorsOf(SERVICE_LEVEL.replace("title: { en: Test service }", "title: { en: Test, EN: x }"))).toEqual(['l.yaml: title.EN: "EN" is not a locale like en or pt-BR']);
    expect(errorsOf(SERVICE_LEVEL.replace("par: 1", "par: 0"))).toEqual(["l.yaml: par: Too small: expected number to be >=1"]);
    expect(errorsOf(SERVICE_LEVEL.replace("track: services", "track: ingress"))[0]).toMatch(/^l\.yaml: track: /);
    expect(errorsOf(SERVICE_LEVEL.replace("ip: 10.244.0.4,", "ip: 10.245.0.4,"))).toEqual([expect.stringMatching(/^l\.yaml: start\.cluster: pods\[2\]\.ip: .*10\.245\.0\.4/)]);
    expect(errorsOf(SERVICE_LEVEL.replace("kind: keep, what: pod-ips", "kind: keep, what: routes"))[0]).toMatch(/^l\.yaml: goals\[1\]/);
    expect(errorsOf("id: [")[0]).toMatch(/^l\.yaml: /);
    expect(errorsOf("")).toEqual(["l.yaml: the file is empty"]);
    expect(errorsOf("- a\n- b")).toEqual(["l.yaml: a level file is a mapping with id, title, track, start, goals, ..."]);
  });

  it("never throws, whatever the value", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const r = parseLevelValue(value, { fileName: "x" });
        expect(typeof r.ok).toBe("boolean");
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(typeof parseLevelText(SERVICE_LEVEL.slice(0, text.length * 7) + text).ok).toBe("boolean");
      }),
      { numRuns: 200 },
    );
  });
});
