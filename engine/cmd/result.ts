/** The outcome of parsing or applying a command line: a value, or an error with its position. */

export interface CommandError {
  /** What went wrong, in the words the real tool prints where it has them. */
  readonly message: string;
  /** 0-based column in the line where the problem starts, when one token is to blame. */
  readonly column?: number;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CommandError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (message: string, column?: number): { ok: false; error: CommandError } => ({
  ok: false,
  error: column === undefined ? { message } : { message, column },
});
