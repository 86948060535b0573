/**
 * The real tools' own words: each transcript was run by capture-transcripts.mjs in a throwaway
 * namespace (iptables 1.8.9 nf_tables, Debian 12); the engine replays the same lines on a fresh
 * host and must print (or refuse with) exactly what they printed, leaving the state unchanged
 * whenever it refuses.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSteps, replay } from "./replay";

const dir = join(__dirname, "transcripts");

describe("real iptables transcripts, replayed", () => {
  it.each([
    ["rules", "[IPT1][IPT4][IPT5][IPT10][IPT11][IPT12][IPT13] every match and target, parsed and printed by iptables-save, -S and -L"],
    ["errors", "[IPT1][IPT3][IPT4][IPT6][IPT7][IPT8] the real mistakes, refused with iptables' words"],
    ["chains", "[IPT2][IPT8][IPT9] chain commands, rule numbers, -D/-C matching, loops"],
    ["restore", "[IPT14][IPT15][IPT16] iptables-restore blocks, flush, --noflush, counters and its errors"],
    ["extras", "[IPT3][IPT8][IPT10][IPT16] -I with address lists, negated /0, -i +, merged tcp matches, -Z of one rule, restore -c"],
    ["reference", "[IPT13][IPT15] the reference node's ruleset through iptables-restore, a kube-proxy --noflush resync, then save/-S/-L"],
  ])("%s: %s", (name) => {
    const steps = loadSteps(join(dir, `${name}.json`));
    expect(steps.length).toBeGreaterThan(10);
    const { mismatches } = replay(steps);
    expect(mismatches).toEqual([]);
  });
});
