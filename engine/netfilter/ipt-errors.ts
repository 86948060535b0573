/**
 * How iptables 1.8.9 (nf_tables) and iptables-restore word their failures, verified against
 * the real tools (the texts in [IPT1]-[IPT18]). A failure is data until the command that hit
 * it knows whether it is `iptables` itself or a line of `iptables-restore`, which words the
 * same failure differently.
 */
import { assertNever } from "../model/carrier";

export const XT_VERSION = "v1.8.9 (nf_tables)";

export type BatchOp = "RULE_APPEND" | "RULE_INSERT" | "RULE_REPLACE" | "CHAIN_DEL";

export type XtFailure =
  /** xtables_error(PARAMETER_PROBLEM, ...): the message may end in "\n", which prints a blank line. */
  | { readonly kind: "param"; readonly message: string; readonly column?: number }
  /** A word on the command line that belongs to nothing ("Bad argument `X'"). */
  | { readonly kind: "bad-arg"; readonly arg: string; readonly column?: number }
  /** The kernel or the cache said no: "iptables: MESSAGE." (EINVAL adds the dmesg hint). */
  | { readonly kind: "errno"; readonly message: string; readonly einval?: boolean }
  /** nf_tables refused the batch: " RULE_APPEND failed (Invalid argument): rule in chain X". */
  | { readonly kind: "batch"; readonly op: BatchOp; readonly errno: string; readonly object: string }
  /** VERSION_PROBLEM: an unknown table. */
  | { readonly kind: "version"; readonly message: string }
  /** Printed exactly as given. */
  | { readonly kind: "plain"; readonly message: string }
  /** Real but not modelled: PodPath refuses it by name. */
  | { readonly kind: "podpath"; readonly message: string; readonly column?: number };

export const ERRNO = {
  EINVAL: "Invalid argument",
  ENOENT: "No such file or directory",
  EBUSY: "Device or resource busy",
  EMLINK: "Too many links",
  EOPNOTSUPP: "Operation not supported",
} as const;

export const XT = {
  noChain: { kind: "errno", message: "No chain/target/match by that name" } as XtFailure,
  badRule: { kind: "errno", message: "Bad rule (does a matching rule exist in that chain?)" } as XtFailure,
  chainExists: { kind: "errno", message: "Chain already exists" } as XtFailure,
  fileExists: { kind: "errno", message: "File exists" } as XtFailure,
  deleteTooBig: { kind: "errno", message: "Index of deletion too big" } as XtFailure,
  insertTooBig: { kind: "errno", message: "Index of insertion too big" } as XtFailure,
  replaceTooBig: { kind: "errno", message: "Index of replacement too big" } as XtFailure,
  badBuiltin: { kind: "errno", message: "Bad built-in chain name" } as XtFailure,
  badPolicy: { kind: "errno", message: "Bad policy name", einval: true } as XtFailure,
};

export const param = (message: string, column?: number): XtFailure =>
  column === undefined ? { kind: "param", message } : { kind: "param", message, column };

export const podpath = (message: string, column?: number): XtFailure =>
  column === undefined ? { kind: "podpath", message } : { kind: "podpath", message, column };

/** Thrown inside the iptables parsers to stop at the first problem; caught at each parser's edge. */
export class XtStop extends Error {
  constructor(readonly failure: XtFailure) {
    super(failure.kind);
  }
}

export const stop = (failure: XtFailure): never => {
  throw new XtStop(failure);
};

export type Prog = "iptables" | "iptables-restore";

const tryHelp = (prog: Prog): string => `Try \`${prog} -h' or '${prog} --help' for more information.`;
const at = (line: number | undefined): string => (line === undefined ? "" : `Error occurred at line: ${line}\n`);

/** The text the real tool prints on stderr for this failure, without the final newline. */
export function failureText(f: XtFailure, prog: Prog, line?: number): string {
  switch (f.kind) {
    case "param":
      return `${prog} ${XT_VERSION}: ${f.message}\n${at(line)}${tryHelp(prog)}`;
    case "bad-arg":
      return `Bad argument \`${f.arg}'\n${at(line)}${tryHelp(prog)}`;
    case "errno":
      if (line !== undefined) return `${prog}: line ${line} failed: ${f.message}.`;
      return `${prog}: ${f.message}.${f.einval ? " Run `dmesg' for more information." : ""}`;
    case "batch":
      if (line !== undefined) return `${prog} ${XT_VERSION}: \nline ${line}: ${f.op} failed (${f.errno}): ${f.object}`;
      return `${prog} ${XT_VERSION}:  ${f.op} failed (${f.errno}): ${f.object}`;
    case "version":
      return `${prog} ${XT_VERSION}: ${f.message}\nPerhaps iptables or your kernel needs to be upgraded.`;
    case "plain":
      return f.message;
    case "podpath":
      return line === undefined ? f.message : `${prog}: line ${line}: ${f.message}`;
    default:
      return assertNever(f);
  }
}
