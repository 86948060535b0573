/** `podpath level export-lab ID [--seed N]`: print the level as a bash script for real Linux. */
import { prepareLevel } from "../../engine/judge/prepare";
import { labScript } from "../lab/export-lab";
import { levelFiles, readLevel } from "../levels/catalog";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE_OR_FILE, type CliOutput } from "./output";

export async function exportLab(command: { id: string; seed: number }, io: CliOutput): Promise<number> {
  const ref = levelFiles().find((f) => f.id === command.id);
  if (!ref) {
    io.err(`podpath: no level ${JSON.stringify(command.id)}`);
    return EXIT_USAGE_OR_FILE;
  }
  const read = readLevel(ref, command.seed);
  if (!read.ok) {
    for (const e of read.errors) io.err(e);
    return EXIT_USAGE_OR_FILE;
  }
  const prepared = prepareLevel(read.level);
  if (!prepared.ok) {
    for (const e of prepared.errors) io.err(e);
    return EXIT_USAGE_OR_FILE;
  }
  const script = labScript(prepared.prepared, command.seed);
  if (!script.ok) {
    io.err(`podpath: ${command.id}: ${script.error}`);
    return EXIT_FAILED;
  }
  io.out(script.script.trimEnd());
  return EXIT_OK;
}
