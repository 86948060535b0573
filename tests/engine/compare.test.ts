import { describe, expect, it } from "vitest";
import { compareScenarioResults, DEFAULT_KERNEL_SAMPLES, matchesExpectation, samplingTolerance, type ProbeDifference } from "../../engine/scenario/compare";
import type { Outcome, ProbeOutcomes, RefusedLine, ScenarioResult } from "../../engine/scenario/types";

const b1 = (p: number): Outcome => ({ result: "connected", server: "pod-b1", seenSrc: "10.244.0.2", seenDst: "10.244.0.3", seenPort: 8080, p });
const b2 = (p: number): Outcome => ({ result: "connected", server: "pod-b2", seenSrc: "10.244.0.2", seenDst: "10.244.0.4", seenPort: 8080, p });
const pingReply = (p = 1): Outcome => ({ result: "reply", replyFrom: "10.244.0.3", p });

function result(probes: Record<string, Outcome[]>, refused?: RefusedLine[]): ScenarioResult {
  const list: ProbeOutcomes[] = Object.entries(probes).map(([id, outcomes]) => ({ id, outcomes }));
  return { scenario: "s", probes: list, ...(refused ? { refused } : {}) };
}

const mismatches = (differences: ProbeDifference[]) => differences.filter((difference) => difference.severity === "mismatch");
const kinds = (differences: ProbeDifference[]) => differences.map((difference) => difference.kind);

describe("compareScenarioResults: outcome sets", () => {
  it("finds nothing when the sets and frequencies agree", () => {
    const engine = result({ svc: [b1(0.5), b2(0.5)], ping: [pingReply()] });
    const kernel = result({ svc: [b2(13 / 24), b1(11 / 24)], ping: [pingReply()] });
    expect(compareScenarioResults(engine, kernel, { samples: { svc: 24, ping: 1 } })).toEqual([]);
  });

  it("ignores detail and merges duplicate identities", () => {
    const engine = result({ t: [{ result: "refused", p: 1, detail: "RST from 10.0.0.2" }] });
    const kernel = result({ t: [{ result: "refused", p: 0.5, detail: "ECONNREFUSED" }, { result: "refused", p: 0.5 }] });
    expect(compareScenarioResults(engine, kernel, { samples: 1 })).toEqual([]);
  });

  it("reports an outcome only the kernel saw", () => {
    const differences = compareScenarioResults(result({ t: [b1(1)] }), result({ t: [b1(0.75), { result: "timeout", p: 0.25 }] }), { samples: 24 });
    expect(kinds(differences)).toContain("outcome-only-in-kernel");
    expect(differences.find((difference) => difference.kind === "outcome-only-in-kernel")?.message).toContain("timeout");
  });

  it("distinguishes outcomes by every identity key", () => {
    const other = { ...b1(1), seenSrc: "10.244.0.1" } as Outcome;
    expect(kinds(compareScenarioResults(result({ t: [b1(1)] }), result({ t: [other] }), { samples: 1 }))).toEqual([
      "outcome-only-in-engine",
      "outcome-only-in-kernel",
    ]);
    const otherReply = { result: "reply", replyFrom: "10.244.0.1", p: 1 } as Outcome;
    expect(mismatches(compareScenarioResults(result({ t: [pingReply()] }), result({ t: [otherReply] }), { samples: 1 }))).toHaveLength(2);
  });

  it("reports a certain engine outcome the kernel never saw", () => {
    const differences = compareScenarioResults(result({ t: [b1(1)] }), result({ t: [{ result: "timeout", p: 1 }] }), { samples: 1 });
    expect(kinds(differences)).toEqual(["outcome-only-in-engine", "outcome-only-in-kernel"]);
  });

  it("reports probes present on one side only", () => {
    const differences = compareScenarioResults(result({ a: [b1(1)] }), result({ b: [b1(1)] }));
    expect(differences.map((difference) => difference.kind === "probe-missing" && `${difference.probeId}:${difference.missingFrom}`)).toEqual([
      "a:kernel",
      "b:engine",
    ]);
  });
});

describe("compareScenarioResults: sampling error", () => {
  it("uses 4.5*sqrt(p(1-p)/n) + 1/n, over 128 tries unless told", () => {
    expect(samplingTolerance(0.5, 128)).toBeCloseTo(4.5 * Math.sqrt(0.25 / 128) + 1 / 128, 12);
    expect(samplingTolerance(1, 128)).toBeCloseTo(1 / 128, 12);
    expect(DEFAULT_KERNEL_SAMPLES).toBe(128);
  });

  it("accepts a frequency inside the tolerance and rejects one outside", () => {
    // p = 0.5, n = 128: tolerance = 0.1989 + 0.0078 = 0.2067
    const inside = compareScenarioResults(result({ t: [b1(0.5), b2(0.5)] }), result({ t: [b1(90 / 128), b2(38 / 128)] }));
    expect(inside).toEqual([]);
    const outside = compareScenarioResults(result({ t: [b1(0.5), b2(0.5)] }), result({ t: [b1(92 / 128), b2(36 / 128)] }));
    expect(kinds(outside)).toEqual(["probability", "probability"]);
  });

  it("tells a real 0.5 against 0.25 apart", () => {
    // A kernel whose first endpoint gets a quarter of 128 tries: 0.25 from 0.5 is beyond 0.2067.
    const real = compareScenarioResults(result({ t: [b1(0.5), b2(0.5)] }), result({ t: [b1(32 / 128), b2(96 / 128)] }));
    expect(kinds(mismatches(real))).toEqual(["probability", "probability"]);
  });

  it("is strict for certain outcomes: 1/n is the only slack", () => {
    const differences = compareScenarioResults(result({ t: [b1(1)] }), result({ t: [b1(126 / 128), { result: "timeout", p: 2 / 128 }] }));
    expect(kinds(differences)).toEqual(["probability", "outcome-only-in-kernel"]);
  });

  it("accepts a rare engine outcome missing from the sample only while missing it is plausible", () => {
    // (1 - 0.05)^128 = 0.0014 > 1e-5: plausible to miss, so only a warning.
    const rare = compareScenarioResults(result({ t: [b1(0.95), b2(0.05)] }), result({ t: [b1(1)] }));
    expect(kinds(rare)).toEqual(["outcome-not-sampled"]);
    expect(mismatches(rare)).toEqual([]);
    // (1 - 0.1)^128 = 1.4e-6 <= 1e-5: an outcome of p = 0.1 never seen in 128 tries is a real difference.
    const missing = compareScenarioResults(result({ t: [b1(0.9), b2(0.1)] }), result({ t: [b1(1)] }));
    expect(kinds(mismatches(missing))).toEqual(["outcome-only-in-engine"]);
  });

  it("takes the number of tries per probe", () => {
    // One ICMP try cannot tell 0.5 from 1; 128 TCP tries can.
    const engine = result({ ping: [pingReply(0.5), { result: "timeout", p: 0.5 }], svc: [b1(0.5), b2(0.5)] });
    const kernel = result({ ping: [pingReply(1)], svc: [b1(1)] });
    const differences = compareScenarioResults(engine, kernel, { samples: { ping: 1, svc: 128 } });
    expect(mismatches(differences).every((difference) => "probeId" in difference && difference.probeId === "svc")).toBe(true);
    expect(mismatches(differences)).not.toHaveLength(0);
  });
});

describe("compareScenarioResults: refused setup lines", () => {
  const line = { host: "node1", line: "ip route add 10.0.0.0/8 via 192.168.9.9" };

  it("matches by host and line and only warns about different words", () => {
    const engine = result({}, [{ ...line, error: "Error: Nexthop has invalid gateway." }]);
    expect(compareScenarioResults(engine, result({}, [{ ...line, error: "Error: Nexthop has invalid gateway." }]))).toEqual([]);
    expect(compareScenarioResults(engine, result({}, [{ ...line, error: "nexthop has invalid gateway" }]))).toEqual([]);
    const worded = compareScenarioResults(engine, result({}, [{ ...line, error: "RTNETLINK answers: Network is unreachable" }]));
    expect(worded.map((difference) => [difference.kind, difference.severity])).toEqual([["refused-error-text", "warning"]]);
  });

  it("reports a line refused on one side only", () => {
    expect(kinds(compareScenarioResults(result({}), result({}, [{ ...line, error: "x" }])))).toEqual(["refused-only-in-kernel"]);
    expect(kinds(compareScenarioResults(result({}, [{ ...line, error: "x" }]), result({})))).toEqual(["refused-only-in-engine"]);
    const otherHost = compareScenarioResults(result({}, [{ ...line, error: "x" }]), result({}, [{ ...line, host: "node2", error: "x" }]));
    expect(kinds(otherHost)).toEqual(["refused-only-in-engine", "refused-only-in-kernel"]);
  });
});

describe("matchesExpectation", () => {
  const actual = result({ svc: [b1(0.5), b2(0.5)], ping: [pingReply()] });

  it("matches when keys left out match anything and the sets pair one to one", () => {
    const check = matchesExpectation(actual, {
      svc: [{ result: "connected", server: "pod-b1" }, { result: "connected", server: "pod-b2" }],
      ping: [{ result: "reply" }],
    });
    expect(check).toEqual({ ok: true, problems: [] });
  });

  it("needs one expected outcome per actual outcome", () => {
    const tooFew = matchesExpectation(actual, { svc: [{ result: "connected" }] });
    expect(tooFew.ok).toBe(false);
    expect(tooFew.problems[0]).toContain("probe svc");
    // Both expectations would pair with pod-b1 only: no one-to-one pairing exists.
    expect(matchesExpectation(actual, { svc: [{ server: "pod-b1" }, { server: "pod-b1" }] }).ok).toBe(false);
  });

  it("finds a pairing even when a loose expectation comes first", () => {
    expect(matchesExpectation(actual, { svc: [{ result: "connected" }, { server: "pod-b1" }] }).ok).toBe(true);
  });

  it("compares given values, p included", () => {
    expect(matchesExpectation(actual, { svc: [{ server: "pod-b1", p: 0.5 }, { server: "pod-b2", p: 0.5 }] }).ok).toBe(true);
    expect(matchesExpectation(actual, { svc: [{ server: "pod-b1", p: 0.6 }, { server: "pod-b2" }] }).ok).toBe(false);
    expect(matchesExpectation(actual, { ping: [{ result: "reply", replyFrom: "10.9.9.9" }] }).ok).toBe(false);
    expect(matchesExpectation(actual, { ping: [{ result: "timeout" }] }).ok).toBe(false);
  });

  it("reports an expected probe without a result, and ignores probes not listed", () => {
    expect(matchesExpectation(actual, { nope: [{ result: "timeout" }] }).problems).toEqual(["probe nope: no result"]);
    expect(matchesExpectation(actual, undefined).ok).toBe(true);
  });
});
