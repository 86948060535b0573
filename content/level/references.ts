/** Checks between fields of a level file that has the right shape: every host a field names exists, ids are unique. */
import type { HostSpec } from "../../engine/scenario/types";
import type { FieldProblem } from "../scenario/references";
import type { LevelFile } from "./schema";

export function checkLevelReferences(file: LevelFile, hosts: readonly HostSpec[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const names = new Set(hosts.map((h) => h.name));
  const known = hosts.map((h) => h.name).join(", ");
  const needHost = (path: (string | number)[], name: string) => {
    if (!names.has(name)) problems.push({ path, message: `"${name}" is not a host of this level (hosts: ${known})` });
  };
  if ("scenario" in file.start) {
    const seen = new Set<string>();
    file.start.scenario.hosts.forEach((h, i) => {
      if (seen.has(h.name)) problems.push({ path: ["start", "scenario", "hosts", i, "name"], message: `"${h.name}" is declared twice` });
      seen.add(h.name);
      if (h.node !== undefined) needHost(["start", "scenario", "hosts", i, "node"], h.node);
    });
    file.start.scenario.setup.forEach((item, i) => Object.keys(item).forEach((h) => needHost(["start", "scenario", "setup", i], h)));
    for (const h of Object.keys(file.start.scenario.listen)) needHost(["start", "scenario", "listen", h], h);
  }
  if ("cluster" in file.start) for (const h of Object.keys(file.start.listen)) needHost(["start", "listen", h], h);
  for (const field of ["break", "solution"] as const) file[field].forEach((item, i) => Object.keys(item).forEach((h) => needHost([field, i], h)));
  file.editable.forEach((h, i) => needHost(["editable", i], h));
  file.solution.forEach((item, i) => {
    const host = Object.keys(item)[0]!;
    if (names.has(host) && !file.editable.includes(host)) problems.push({ path: ["solution", i], message: `runs on ${host}, which is not editable` });
  });
  file.forbidden.forEach((f, i) => f.hosts?.forEach((h, j) => needHost(["forbidden", i, "hosts", j], h)));
  const goalIds = new Set<string>();
  file.goals.forEach((goal, i) => {
    if (goalIds.has(goal.id)) problems.push({ path: ["goals", i, "id"], message: `"${goal.id}" is used by an earlier goal` });
    goalIds.add(goal.id);
    if ("probe" in goal) needHost(["goals", i, "probe", "from"], goal.probe.from);
    if ("servers" in goal) goal.servers?.forEach((s, j) => needHost(["goals", i, "servers", j], s));
    if (goal.kind === "keep" && goal.what === "output") needHost(["goals", i, "host"], goal.host);
  });
  if (file.par !== undefined && file.par < file.solution.length) problems.push({ path: ["par"], message: `is ${file.par}, but the reference solution takes ${file.solution.length} commands` });
  return problems;
}
