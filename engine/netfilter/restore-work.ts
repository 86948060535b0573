/**
 * The table an iptables-restore block builds, kept mutable while the block runs so that a
 * kube-proxy-sized input (tens of thousands of `-A` lines) costs one pass: appends and chain
 * lines go straight in, other commands go through execIpt on a snapshot.
 */
import type { IptCommand } from "./ipt-command";
import { param, XT, type XtFailure } from "./ipt-errors";
import { execIpt } from "./ipt-exec";
import { copyChain, withTable } from "./ipt-table";
import { ruleProblem } from "./ipt-validate";
import type { Chain, Counters, Netfilter, Rule, Table, TableName } from "./types";

interface WorkChain {
  name: string;
  policy?: "ACCEPT" | "DROP";
  counters: Counters;
  rules: Rule[];
}

export type Step =
  | { readonly line: number; readonly command: IptCommand }
  | { readonly line: number; readonly chain: string; readonly policy: string; readonly counters?: Counters };

export class WorkTable {
  private chains: WorkChain[] = [];
  private index = new Map<string, number>();
  private created = false;

  constructor(readonly name: TableName, t: Table) {
    this.load(t);
  }

  private load(t: Table): void {
    this.chains = t.chains.map((c) => ({ name: c.name, policy: c.policy, counters: c.counters, rules: [...c.rules] }));
    this.index = new Map(this.chains.map((c, i) => [c.name, i]));
    this.created = t.created === true;
  }

  table(): Table {
    const chains: Chain[] = this.chains.map((c) => copyChain(c, [...c.rules]));
    return this.created ? { chains, created: true } : { chains };
  }

  has(name: string): boolean {
    return this.index.has(name);
  }

  /** `:CHAIN POLICY [p:b]`: a built-in's policy ("-" keeps it), else a user chain (flushed if it exists). */
  declare(chain: string, policy: string, counters: Counters | undefined): XtFailure | undefined {
    this.created = true;
    const i = this.index.get(chain);
    const c = i === undefined ? undefined : this.chains[i]!;
    if (c && c.policy !== undefined) {
      if (policy !== "-" && policy !== "ACCEPT" && policy !== "DROP") return XT.badPolicy;
      if (policy !== "-") c.policy = policy;
      if (counters) c.counters = counters;
      return undefined;
    }
    if (c) c.rules = [];
    else {
      this.index.set(chain, this.chains.length);
      this.chains.push({ name: chain, counters: { packets: 0, bytes: 0 }, rules: [] });
    }
    return undefined;
  }

  /** A jump to a chain that does not exist yet: nf_tables reports it at COMMIT. */
  missingJump(cmd: IptCommand): XtFailure | undefined {
    const op = cmd.op;
    const rules = "rules" in op ? op.rules : op.type === "replace" ? [op.rule] : [];
    for (const r of rules) {
      if ((r.target?.kind === "jump" || r.target?.kind === "goto") && !this.index.has(r.target.chain)) return param(`Chain '${r.target.chain}' does not exist`);
    }
    return undefined;
  }

  /** Run one command without the COMMIT-time checks. */
  run(cmd: IptCommand, others: Netfilter): XtFailure | undefined {
    const op = cmd.op;
    if (op.type === "append") {
      const i = this.index.get(op.chain);
      if (i === undefined) return XT.noChain;
      const builtin = (name: string): boolean => {
        const k = this.index.get(name);
        return k !== undefined && this.chains[k]!.policy !== undefined;
      };
      for (const rule of op.rules) {
        const errno = ruleProblem(rule, this.name, builtin);
        if (errno) return { kind: "batch", op: "RULE_APPEND", errno, object: `rule in chain ${op.chain}` };
      }
      this.chains[i]!.rules.push(...op.rules);
      this.created = true;
      return undefined;
    }
    const r = execIpt(withTable(others, this.name, this.table()), cmd, { validate: false, checkJumps: false });
    if (!r.ok) return r.failure;
    this.load(r.nf[this.name]);
    return undefined;
  }
}
