/** The podpath command's engine paths, usage errors and file errors (no kernel needed). */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../server/cli/podpath";
import { listNamespaces, processPrefix } from "../../server/kernel/namespaces";
import type { CliOutput } from "../../server/cli/output";

function capture(): CliOutput & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (text) => stdout.push(text), err: (text) => stderr.push(text) };
}

const directory = mkdtempSync(path.join(tmpdir(), "podpath-cli-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const file = path.join(directory, name);
  writeFileSync(file, text);
  return file;
};

const good = write(
  "pair.yaml",
  `name: pair
hosts: [{ name: a, role: pod }, { name: b, role: pod }]
setup:
  - a: ip link add eth0 type veth peer name eth0 netns b
  - a: ip addr add 10.0.0.1/24 dev eth0
  - a: ip link set eth0 up
  - b: ip addr add 10.0.0.2/24 dev eth0
  - b: ip link set eth0 up
  - a: ip route add 10.9.0.0/16 via 192.168.5.5
listen: { b: [tcp/8080] }
probes:
  - { id: connect, from: a, to: 10.0.0.2, proto: tcp, port: 8080 }
`,
);
const bad = write("bad.yaml", "name: bad\nhosts: [{ name: a, role: pod }]\nprobes: [{ id: p, from: a, to: 010.0.0.1, proto: icmp }]\n");

describe("podpath", () => {
  it("prints the contract JSON with --json", async () => {
    const io = capture();
    expect(await main(["scenario", "run", good, "--json"], io)).toBe(0);
    const json = JSON.parse(io.stdout.join("\n"));
    expect(Object.keys(json)).toEqual(["scenario", "probes", "refused"]);
    expect(json.probes[0].outcomes[0]).toMatchObject({ result: "connected", server: "b", seenSrc: "10.0.0.1", seenDst: "10.0.0.2", seenPort: 8080, p: 1 });
    expect(json.refused[0]).toMatchObject({ host: "a", line: "ip route add 10.9.0.0/16 via 192.168.5.5" });
  });

  it("prints a readable table without --json", async () => {
    const io = capture();
    expect(await main(["scenario", "run", good], io)).toBe(0);
    const text = io.stdout.join("\n");
    expect(text).toContain("connect  a → 10.0.0.2 tcp/8080");
    expect(text).toContain("connected server=b seen 10.0.0.1 -> 10.0.0.2:8080 p=1");
    expect(text).toContain("refused setup lines (1):");
  });

  it("prints the engine's trace of one probe and refuses an unknown probe id", async () => {
    const io = capture();
    expect(await main(["scenario", "trace", good, "connect"], io)).toBe(0);
    expect(io.stdout.join("\n")).toMatch(/=> connected b/);
    const missing = capture();
    expect(await main(["scenario", "trace", good, "nope"], missing)).toBe(2);
    expect(missing.stderr[0]).toContain('no probe "nope"');
  });

  it("names the file and the field of a bad file, with exit status 2", async () => {
    const io = capture();
    expect(await main(["scenario", "run", bad], io)).toBe(2);
    expect(io.stderr).toEqual([`${bad}: probes[0].to: "010.0.0.1" is not a dotted quad (leading zeros are not allowed)`]);
    const missing = capture();
    expect(await main(["scenario", "run", path.join(directory, "none.yaml")], missing)).toBe(2);
    expect(missing.stderr[0]).toContain("cannot read the file (ENOENT)");
  });

  it("answers unknown subcommands and options with usage and exit status 2", async () => {
    for (const argv of [["scenario", "frob"], ["scenario", "run", good, "--fast"], ["nope"], ["scenario", "run"], ["scenario", "diff", good, "--json"], ["scenario", "run", good, "--samples", "0"]]) {
      const io = capture();
      expect(await main(argv, io), argv.join(" ")).toBe(2);
      expect(io.stderr.join("\n")).toMatch(/^podpath: .*\nusage: podpath scenario run FILE/);
    }
    const help = capture();
    expect(await main(["--help"], help)).toBe(0);
    expect(help.stdout[0]).toMatch(/^usage: podpath/);
  });

  it.skipIf(process.getuid?.() !== 0)("diffs engine and kernel, counting unreadable files apart (exit 2)", async () => {
    const io = capture();
    expect(await main(["scenario", "diff", good], io)).toBe(0);
    expect(io.stdout).toEqual([`${good}: agree`, "1 scenarios: 1 agree, 0 differ"]);
    const mixed = capture();
    expect(await main(["scenario", "diff", good, bad], mixed)).toBe(2);
    expect(mixed.stdout.at(-1)).toBe("2 scenarios: 1 agree, 0 differ, 1 unreadable");
    expect(mixed.stderr[0]).toContain(`${bad}: probes[0].to:`);
    expect(listNamespaces().filter((name) => name.startsWith(processPrefix()))).toEqual([]);
  });
});
