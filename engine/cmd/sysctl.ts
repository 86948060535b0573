import type { Cursor } from "./cursor";
import type { SysctlCommand } from "./types";
import { unsupported } from "./values";

/** `sysctl` (procps): -w KEY=VALUE..., KEY..., -n, -q, -a. */
export function parseSysctl(cur: Cursor): SysctlCommand {
  let write = false;
  let quiet = false;
  let valueOnly = false;
  let all = false;
  const args: { text: string; column: number }[] = [];
  while (!cur.done) {
    const column = cur.column();
    const w = cur.next();
    if (w.startsWith("-") && w.length > 1 && !w.startsWith("--")) {
      for (const flag of w.slice(1)) {
        if (flag === "w") write = true;
        else if (flag === "q") quiet = true;
        else if (flag === "n") valueOnly = true;
        else if (flag === "a" || flag === "A" || flag === "X") all = true;
        else if (flag === "e") continue;
        else unsupported(cur, `-${flag}`, "sysctl");
      }
    } else if (w === "--write") write = true;
    else if (w === "--quiet") quiet = true;
    else if (w === "--values") valueOnly = true;
    else if (w === "--all") all = true;
    else if (w.startsWith("--")) unsupported(cur, w, "sysctl");
    else args.push({ text: w, column });
  }
  if (all) return { type: "all", valueOnly };
  if (args.length === 0) cur.stop("sysctl: no variables specified\nTry `sysctl --help' for more information.");
  const hasAssign = args.some((a) => a.text.includes("="));
  if (write || hasAssign) {
    const assignments = args.map((a) => {
      const eq = a.text.indexOf("=");
      if (eq <= 0) cur.stop(`sysctl: "${a.text}" must be of the form name=value`, a.column);
      return { key: a.text.slice(0, eq), value: a.text.slice(eq + 1), column: a.column };
    });
    return { type: "write", assignments, quiet };
  }
  return { type: "read", keys: args.map((a) => ({ key: a.text, column: a.column })), valueOnly };
}
