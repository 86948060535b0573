/** `podpath level export-lab`: the script builds the level in namespaces here, probes, and removes everything. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { CliOutput } from "../../server/cli/output";
import { main } from "../../server/cli/podpath";

async function exportScript(args: string[]): Promise<{ status: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliOutput = { out: (t) => out.push(t), err: (t) => err.push(t) };
  const status = await main(["level", "export-lab", ...args], io);
  return { status, out: out.join("\n"), err: err.join("\n") };
}

function runScript(script: string, env: Record<string, string> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), "podpath-lab-test-"));
  const file = path.join(dir, "lab.sh");
  writeFileSync(file, script);
  const r = spawnSync("bash", [file], { input: "", encoding: "utf8", timeout: 120_000, env: { ...process.env, ...env } });
  rmSync(dir, { recursive: true, force: true });
  const prefix = /namespaces (pplab\d+-)\*/.exec(r.stdout)?.[1];
  const left = prefix ? spawnSync("ip", ["netns", "list"], { encoding: "utf8" }).stdout.split("\n").filter((l) => l.startsWith(prefix)) : ["(no prefix printed)"];
  return { ...r, left };
}

describe("podpath level export-lab", () => {
  it("[JC6] the start state fails its goal probes on real Linux, the reference solution passes them, and nothing is left behind", { timeout: 240_000 }, async () => {
    const { status, out } = await exportScript(["svc-reach-service-b", "--seed", "0"]);
    expect(status).toBe(0);
    expect(out.split("\n")[0]).toBe("#!/usr/bin/env bash");
    const broken = runScript(out);
    expect(broken.stdout).toContain("FAIL a-reaches-b: tcp 10.96.0.20:80 from pod-a -> timeout");
    expect(broken.stdout).toContain("0 goal probes pass, 2 fail");
    expect(broken.left).toEqual([]);
    const solved = runScript(out, { PODPATH_LAB_SOLVE: "1" });
    expect(solved.stdout).toContain("PASS a-reaches-b: tcp 10.96.0.20:80 from pod-a -> connected server=pod-b seenSrc=10.244.0.2");
    expect(solved.stdout).toContain("2 goal probes pass, 0 fail");
    expect(solved.left).toEqual([]);
    expect(spawnSync("pgrep", ["-f", "podpath-lab-.*serve"], { encoding: "utf8" }).stdout.trim()).toBe("");
  });

  it("refuses an unknown level or a bad seed by name", async () => {
    const unknown = await exportScript(["no-such-level"]);
    expect(unknown.status).toBe(2);
    expect(unknown.err).toContain('no level "no-such-level"');
    const badSeed = await exportScript(["svc-reach-service-b", "--seed", "-1"]);
    expect(badSeed.status).toBe(2);
  });
});
