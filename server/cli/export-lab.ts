import type { CliOutput } from "./output";
import { EXIT_FAILED } from "./output";
export async function exportLab(command: { id: string; seed: number }, io: CliOutput): Promise<number> {
  io.err(`export-lab ${command.id}: not written yet`);
  return EXIT_FAILED;
}
