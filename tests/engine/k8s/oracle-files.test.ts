/** tests/oracle/k8s-cluster-*.yaml are what oracle-cluster.ts makes from engine/k8s today, and load as scenarios. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenarioText } from "../../../content/scenario/load";
import { oracleFileText, oracleScenario, oracleExpect } from "./oracle-cluster";

describe("k8s oracle scenarios", () => {
  for (const backend of ["hostgw", "vxlan"] as const) {
    const file = join(import.meta.dirname, "../../oracle", `k8s-cluster-${backend}.yaml`);
    const text = readFileSync(file, "utf8");

    it(`${backend}: the file is up to date with the controllers (regenerate with oracle-cluster.ts)`, () => {
      expect(text).toBe(oracleFileText(backend));
    });

    it(`${backend}: the file loads back to the compiled scenario`, () => {
      const parsed = parseScenarioText(text, file);
      expect(parsed.ok ? [] : parsed.errors).toEqual([]);
      if (parsed.ok) expect(parsed.scenario).toEqual(oracleScenario(backend, oracleExpect(backend)));
    });
  }
});
