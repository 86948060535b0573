#!/usr/bin/env node
// The podpath command: registers tsx so the TypeScript CLI runs as is, from any directory.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../server/cli/podpath.ts");
process.exitCode = await main(process.argv.slice(2));
