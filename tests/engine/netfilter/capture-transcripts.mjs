#!/usr/bin/env node
/**
 * Records what the real tools print, as JSON next to each transcript: run as root on a machine
 * with iptables 1.8.9 (nf_tables) and conntrack-tools 1.4.7, e.g.
 *   sudo node tests/engine/netfilter/capture-transcripts.mjs tests/engine/netfilter/transcripts/*.txt
 * Each .txt holds command lines; lines starting "< " are the previous command's standard input,
 * "#" lines are comments. Every transcript runs in its own throwaway network namespace
 * (ppipt-<pid>-<n>), deleted by name afterwards, also on failure; the root namespace's rules are
 * never touched. The tests (transcripts.test.ts) replay the same lines through the engine.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

export function readTranscript(text) {
  const steps = [];
  for (const line of text.split("\n")) {
    if (line.startsWith("< ")) {
      const last = steps[steps.length - 1];
      last.stdin = (last.stdin ?? "") + line.slice(2) + "\n";
    } else if (line.trim() !== "" && !line.startsWith("#")) steps.push({ cmd: line });
  }
  return steps;
}

function capture(file, n) {
  const ns = `ppipt-${process.pid}-${n}`;
  execFileSync("ip", ["netns", "add", ns]);
  try {
    const steps = readTranscript(readFileSync(file, "utf8"));
    for (const step of steps) {
      const r = spawnSync("ip", ["netns", "exec", ns, "sh", "-c", step.cmd], { input: step.stdin ?? "", encoding: "utf8", timeout: 10000 });
      step.stdout = r.stdout;
      step.stderr = r.stderr;
      step.rc = r.status;
    }
    writeFileSync(file.replace(/\.txt$/, ".json"), JSON.stringify(steps, null, 1) + "\n");
  } finally {
    spawnSync("ip", ["netns", "del", ns]);
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop())) {
  process.argv.slice(2).forEach((f, i) => capture(f, i));
}
