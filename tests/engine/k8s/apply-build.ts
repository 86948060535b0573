/** Runs a ClusterBuild's setup through the engine's `apply`, keeping the refused lines. */
import { apply, createState, type ClusterBuild, type ClusterDesc, type NetState, compileCluster } from "../../../engine/index";

export interface Applied {
  readonly state: NetState;
  readonly refused: { host: string; line: string; error: string }[];
}

export function built(desc: ClusterDesc): ClusterBuild {
  const r = compileCluster(desc);
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.build;
}

export function applyBuild(build: ClusterBuild): Applied {
  let state = createState(build.hosts);
  const refused: Applied["refused"] = [];
  for (const item of build.setup) {
    const r = apply(state, item.host, item.line);
    if (r.ok) state = r.state;
    else refused.push({ host: item.host, line: item.line, error: r.error });
  }
  return { state, refused };
}

/** What a read-only command prints on a host of the state. */
export function show(state: NetState, host: string, line: string): string[] {
  const r = apply(state, host, line);
  if (!r.ok) throw new Error(`${host}: ${line}: ${r.error}`);
  return r.output.split("\n").filter((l) => l !== "");
}
