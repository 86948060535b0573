/** The `podpath` command (bin/podpath.mjs loads this through tsx). */
import { parseArgs, USAGE } from "./args";
import { EXIT_OK, EXIT_USAGE_OR_FILE, processOutput, type CliOutput } from "./output";
import { scenarioDiff } from "./scenario-diff";
import { scenarioRun, scenarioTrace } from "./scenario-run";
import { levelCheck } from "./level-check";
import { exportLab } from "./export-lab";

export async function main(argv: readonly string[], io: CliOutput = processOutput): Promise<number> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    io.err(`podpath: ${parsed.error}\n${USAGE}`);
    return EXIT_USAGE_OR_FILE;
  }
  const { command } = parsed;
  switch (command.kind) {
    case "help":
      io.out(USAGE);
      return EXIT_OK;
    case "run":
      return scenarioRun(command, io);
    case "diff":
      return scenarioDiff(command, io);
    case "trace":
      return scenarioTrace(command, io);
    case "level-check":
      return levelCheck(command, io);
    case "export-lab":
      return exportLab(command, io);
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}
