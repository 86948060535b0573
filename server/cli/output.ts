/** Where the CLI writes; tests pass their own to read what a command printed. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: CliOutput = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

export const EXIT_OK = 0;
export const EXIT_DIFFER = 1;
export const EXIT_USAGE_OR_FILE = 2;
export const EXIT_FAILED = 3;
