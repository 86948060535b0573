/**
 * The podpath command line, parsed into one typed command. Anything unknown is a usage error
 * (exit 2), never silently ignored.
 */

export const USAGE = `usage: podpath scenario run FILE [--kernel] [--json] [--samples N]
       podpath scenario diff FILE... [--samples N]
       podpath scenario trace FILE PROBE-ID
       podpath level check [ID...|--all] [--engine-only]
       podpath level export-lab ID [--seed N]
       podpath --help

  run    run the scenario's probes in the engine (or, with --kernel, in real network namespaces; needs root)
  diff   run each file in the engine and in the kernel and print the differences
  trace  print the engine's hop-by-hop trace of one probe
  level check       check levels: schema, goals fail at the start, the reference solution passes
                    (20 seeds for variant levels), and the kernel agrees on the start and solved states
  level export-lab  print a bash script that builds the level in network namespaces on any Linux
                    machine (as root), runs the goal probes and cleans up on exit

  --json        print the outcome contract JSON ({scenario, probes, refused})
  --samples N   kernel tries per TCP/UDP probe when a scenario uses -m statistic --mode random (default 128)

exit status: 0 ok, 1 engine and kernel differ, 2 bad usage or bad file, 3 the engine or the kernel harness failed`;

export type CliCommand =
  | { kind: "help" }
  | { kind: "run"; file: string; kernel: boolean; json: boolean; samples?: number }
  | { kind: "diff"; files: string[]; samples?: number }
  | { kind: "trace"; file: string; probeId: string }
  | { kind: "level-check"; ids: string[]; all: boolean; engineOnly: boolean }
  | { kind: "export-lab"; id: string; seed: number };

export type ParsedArgs = { ok: true; command: CliCommand } | { ok: false; error: string };

const FLAGS = new Set(["--kernel", "--json", "--all", "--engine-only"]);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.length === 0 || argv.includes("--help") || argv.includes("-h")) return { ok: true, command: { kind: "help" } };
  const positional: string[] = [];
  const flags = new Set<string>();
  let samples: number | undefined;
  let seed: number | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === "--samples" || arg.startsWith("--samples=")) {
      const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[++index];
      if (value === undefined || !/^[1-9][0-9]{0,3}$/.test(value)) return { ok: false, error: `--samples needs a whole number from 1 to 9999, not ${JSON.stringify(value ?? "")}` };
      samples = Number(value);
    } else if (arg === "--seed" || arg.startsWith("--seed=")) {
      const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[++index];
      if (value === undefined || !/^(0|[1-9][0-9]{0,9})$/.test(value) || Number(value) > 0xffffffff) return { ok: false, error: `--seed needs a whole number from 0 to 4294967295, not ${JSON.stringify(value ?? "")}` };
      seed = Number(value);
    } else if (FLAGS.has(arg)) {
      flags.add(arg);
    } else if (arg.startsWith("-") && arg !== "-") {
      return { ok: false, error: `unknown option ${arg}` };
    } else {
      positional.push(arg);
    }
  }
  const [group, sub, ...rest] = positional;
  const onlyFlags = (allowed: string[]) => [...flags].find((flag) => !allowed.includes(flag));
  if (group === "level") return parseLevelArgs(sub, rest, onlyFlags([...(sub === "check" ? ["--all", "--engine-only"] : [])]) ?? (samples !== undefined ? "--samples" : undefined), flags, seed);
  if (seed !== undefined) return { ok: false, error: "--seed is only for level export-lab" };
  if (group !== "scenario") return { ok: false, error: `unknown command ${JSON.stringify(group ?? "")} (try: podpath scenario run FILE)` };
  const withSamples = samples !== undefined ? { samples } : {};
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

function parseLevelArgs(sub: string | undefined, rest: string[], stray: string | undefined, flags: ReadonlySet<string>, seed: number | undefined): ParsedArgs {
  if (stray) return { ok: false, error: `level ${sub ?? ""} does not take ${stray}` };
  switch (sub) {
    case "check": {
      if (seed !== undefined) return { ok: false, error: "level check does not take --seed (it checks seeds 0-19 of variant levels)" };
      const all = flags.has("--all");
      if (all === (rest.length > 0)) return { ok: false, error: "level check takes level IDs or --all" };
      return { ok: true, command: { kind: "level-check", ids: rest, all, engineOnly: flags.has("--engine-only") } };
    }
    case "export-lab":
      if (rest.length !== 1) return { ok: false, error: "level export-lab takes exactly one level ID" };
      return { ok: true, command: { kind: "export-lab", id: rest[0]!, seed: seed ?? 0 } };
    default:
      return { ok: false, error: `unknown level subcommand ${JSON.stringify(sub ?? "")} (check or export-lab)` };
  }
}
