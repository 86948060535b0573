/**
 * A test-only stand-in for iptables-restore --noflush + iptables-save over plain text, so the
 * generated rules can be compared with the kernel's iptables-save in shared/reference whatever
 * the engine's netfilter support: `:CHAIN` declares (and flushes), `-A` appends, `-I CHAIN`
 * inserts first; iptables-save prints built-in chains in hook order, then user chains by name.
 */

const BUILTIN: Record<string, readonly string[]> = {
  raw: ["PREROUTING", "OUTPUT"],
  mangle: ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"],
  nat: ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"],
  filter: ["INPUT", "FORWARD", "OUTPUT"],
};

export type Tables = Map<string, Map<string, string[]>>;

export function restore(tables: Tables, input: string): void {
  const [command, ...lines] = input.split("\n");
  if (command !== "iptables-restore --noflush") throw new Error(`not a restore item: ${command}`);
  let table: Map<string, string[]> | undefined;
  let tableName = "";
  for (const line of lines) {
    if (line === "" || line.startsWith("#")) continue;
    if (line.startsWith("*")) {
      tableName = line.slice(1);
      if (!tables.has(tableName)) tables.set(tableName, new Map(BUILTIN[tableName]!.map((c) => [c, []])));
      table = tables.get(tableName)!;
    } else if (line === "COMMIT") table = undefined;
    else if (!table) throw new Error(`rule outside a table: ${line}`);
    else if (line.startsWith(":")) {
      const chain = line.slice(1).split(" ")[0]!;
      if (!BUILTIN[tableName]!.includes(chain)) table.set(chain, []);
    } else {
      const m = /^-([AI]) (\S+) (.*)$/.exec(line);
      if (!m) throw new Error(`unsupported line: ${line}`);
      const rules = table.get(m[2]!);
      if (!rules) throw new Error(`no chain ${m[2]}: ${line}`);
      if (m[1] === "A") rules.push(m[3]!);
      else rules.unshift(m[3]!);
    }
  }
}

/** The ":" and "-A" lines iptables-save prints for one table. */
export function save(tables: Tables, name: string): string[] {
  const table = tables.get(name);
  if (!table) return [];
  const builtins = BUILTIN[name]!;
  const users = [...table.keys()].filter((c) => !builtins.includes(c)).sort();
  const order = [...builtins, ...users];
  return [
    ...order.map((c) => (builtins.includes(c) ? `:${c} ACCEPT [0:0]` : `:${c} - [0:0]`)),
    ...order.flatMap((c) => table.get(c)!.map((r) => `-A ${c} ${r}`)),
  ];
}
