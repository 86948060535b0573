/**
 * For child-processes.test.ts: starts a long-running child and a temporary directory, both
 * tracked, prints them as one JSON line, then ends the way argv[2] says: "throw" (an uncaught
 * error), "wait" (until a signal), or "stop" (stopChild and removeDir first, then exit 0).
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { removeDir, stopChild, trackChild, trackDir } from "../../bench/child-processes";

const child = trackChild(spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" }));
const dir = trackDir(mkdtempSync(join(tmpdir(), "podpath-child-processes-")));
process.stdout.write(`${JSON.stringify({ pid: child.pid, dir })}\n`);
const how = process.argv[2];
if (how === "throw") setTimeout(() => { throw new Error("the fixture fails on purpose"); }, 100);
if (how === "wait") setInterval(() => {}, 1000);
if (how === "stop") {
  await stopChild(child);
  removeDir(dir);
  process.stdout.write(`${JSON.stringify({ exitCode: child.exitCode, signal: child.signalCode })}\n`);
}
