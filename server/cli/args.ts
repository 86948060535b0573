/**
 * The podpath command line, parsed into one typed command. Anything unknown is a usage error
 * (exit 2), never silently ignored.
 */

export const USAGE = `usage: podpath scenario run FILE [--kernel] [--json] [--samples N]
       podpath scenario diff FILE... [--samples N]
       podpath scenario trace FILE PROBE-ID
       podpath --help

  run    run the scenario's probes in the engine (or, with --kernel, in real network namespaces; needs root)
  diff   run each file in the engine and in the kernel and print the differences
  trace  print the engine's hop-by-hop trace of one probe

  --json        print the outcome contract JSON ({scenario, probes, refused})
  --samples N   kernel tries per TCP/UDP probe when a scenario uses -m statistic --mode random (default 24)

exit status: 0 ok, 1 engine and kernel differ, 2 bad usage or bad file, 3 the engine or the kernel harness failed`;

export type CliCommand =
  | { kind: "help" }
  | { kind: "run"; file: string; kernel: boolean; json: boolean; samples?: number }
  | { kind: "diff"; files: string[]; samples?: number }
  | { kind: "trace"; file: string; probeId: string };

export type ParsedArgs = { ok: true; command: CliCommand } | { ok: false; error: string };

const FLAGS = new Set(["--kernel", "--json"]);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.length === 0 || argv.includes("--help") || argv.includes("-h")) return { ok: true, command: { kind: "help" } };
  const positional: string[] = [];
  const flags = new Set<string>();
  let samples: number | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === "--samples" || arg.startsWith("--samples=")) {
      const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[++index];
      if (value === undefined || !/^[1-9][0-9]{0,3}$/.test(value)) return { ok: false, error: `--samples needs a whole number from 1 to 9999, not ${JSON.stringify(value ?? "")}` };
      samples = Number(value);
    } else if (FLAGS.has(arg)) {
      flags.add(arg);
    } else if (arg.startsWith("-") && arg !== "-") {
      return { ok: false, error: `unknown option ${arg}` };
    } else {
      positional.push(arg);
    }
  }
  const [group, sub, ...rest] = positional;
  if (group !== "scenario") return { ok: false, error: `unknown command ${JSON.stringify(group ?? "")} (try: podpath scenario run FILE)` };
  const withSamples = samples !== undefined ? { samples } : {};
  const onlyFlags = (allowed: string[]) => [...flags].find((flag) => !allowed.includes(flag));
  switch (sub) {
    case "run": {
      if (rest.length !== 1) return { ok: false, error: "scenario run takes exactly one FILE" };
      return { ok: true, command: { kind: "run", file: rest[0]!, kernel: flags.has("--kernel"), json: flags.has("--json"), ...withSamples } };
    }
    case "diff": {
      const stray = onlyFlags([]);
      if (stray) return { ok: false, error: `scenario diff does not take ${stray}` };
      if (rest.length === 0) return { ok: false, error: "scenario diff needs at least one FILE" };
      return { ok: true, command: { kind: "diff", files: rest, ...withSamples } };
    }
    case "trace": {
      const stray = onlyFlags([]) ?? (samples !== undefined ? "--samples" : undefined);
      if (stray) return { ok: false, error: `scenario trace does not take ${stray}` };
      if (rest.length !== 2) return { ok: false, error: "scenario trace takes FILE and PROBE-ID" };
      return { ok: true, command: { kind: "trace", file: rest[0]!, probeId: rest[1]! } };
    }
    default:
      return { ok: false, error: `unknown scenario subcommand ${JSON.stringify(sub ?? "")} (run, diff or trace)` };
  }
}
