/** PodPath's packet engine: the public surface used by the app, the server and the tools. */
export type * from "./scenario/types";
export type * from "./model/types";
export type { TraceEvent, DropReason } from "./walk/trace";
export type { ApplyResult } from "./exec/outcome";
export { apply } from "./exec/apply";
export { parseCommand } from "./cmd/parse";
export { createState, advanceTime } from "./model/state";
export { runProbe } from "./walk/probe";
export { traceText } from "./walk/trace-text";
export { runScenario, runScenarioDetailed, buildScenarioState } from "./scenario/run";
export { traceScenarioProbe } from "./scenario/trace";
export { parseIPv4, formatIPv4 } from "./addr/ipv4";
export { compileCluster, clusterScenario } from "./k8s/compile";
export type { ClusterBuild, ClusterCompile, ClusterStages, ScenarioParts } from "./k8s/compile";
export type { ClusterDesc, ClusterOptions, NodeDesc, PodDesc, ServiceDesc, ServicePortDesc, ExternalDesc, Underlay } from "./k8s/types";
