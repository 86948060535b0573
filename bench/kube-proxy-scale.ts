/**
 * A probe through a kube-proxy ruleset of 100, 1,000 and 10,000 Services (about four rules
 * each): the time per probe, how it grows against the 100-Service baseline measured in the
 * same run, and how many rules the kernel's linear walk would test on the way (the engine
 * indexes them; the trace still counts them).
 *
 * Two kinds of probe, both from a client pod on node n1 to a ClusterIP:
 * - "one endpoint": the Service's only endpoint runs on n1 (one path);
 * - "two endpoints": one endpoint per node, chosen at random, so both paths are walked and
 *   the second crosses the underlay to n2.
 */
import { performance } from "node:perf_hooks";
import type { ClusterDesc, NetState, PodDesc, ServiceDesc } from "../engine/index";
import type { EngineModule } from "./engine-bundle";
import { fmtMs, median } from "./stats";

const GROUPS = 3;
const vip = (i: number): string => `10.96.${(16 + i) >> 8}.${(16 + i) & 255}`;

export function clusterWith(services: number): ClusterDesc {
  const pods: PodDesc[] = [{ name: "n1-local", node: "n1", ip: "10.244.0.9", labels: { group: "local" }, ports: [{ containerPort: 8080 }] }];
  for (let g = 0; g < GROUPS; g++) {
    for (const [node, net] of [["n1", 0], ["n2", 1]] as const) {
      pods.push({ name: `${node}-g${g}`, node, ip: `10.244.${net}.${10 + g}`, labels: { group: `g${g}` }, ports: [{ containerPort: 8080 }] });
    }
  }
  pods.push({ name: "client", node: "n1", ip: "10.244.0.99", labels: { app: "client" } });
  const svcs: ServiceDesc[] = [];
  for (let i = 0; i < services; i++) {
    const selector = i % 2 === 0 ? { group: "local" } : { group: `g${i % GROUPS}` };
    svcs.push({ name: `svc-${i}`, type: "ClusterIP", clusterIP: vip(i), ports: [{ name: "http", port: 80, targetPort: 8080 }], selector });
  }
  return {
    clusterCIDR: "10.244.0.0/16",
    serviceCIDR: "10.96.0.0/12",
    backend: "host-gw",
    underlay: { kind: "switch", host: "ul", prefixLen: 24 },
    nodes: [
      { name: "n1", nodeIP: "192.168.50.1", podCIDR: "10.244.0.0/24" },
      { name: "n2", nodeIP: "192.168.50.2", podCIDR: "10.244.1.0/24" },
    ],
    externals: [],
    pods,
    services: svcs,
  };
}

/** Warm the caches as a running cluster has them: every pod's ARP entry along every path, direct and through a Service. */
function warm(engine: EngineModule, desc: ClusterDesc, state0: NetState): NetState {
  let state = state0;
  let seq = 0;
  for (const pod of desc.pods) if (pod.name !== "client") state = engine.runProbe(state, { id: "warm", from: "client", to: pod.ip, proto: "tcp", port: 8080 }, seq++).state;
  for (let i = 0; i < 2 * GROUPS; i++) state = engine.runProbe(state, { id: "warm", from: "client", to: vip(i), proto: "tcp", port: 80 }, seq++).state;
  return state;
}

/** 300 untimed probes let the JIT settle, then 1,000 timed ones; fresh source ports throughout. */
function timeProbes(engine: EngineModule, state: NetState, count: number, parity: 0 | 1): { per: number; walked: number } {
  const samples: number[] = [];
  let walked = 0;
  for (let k = -300; k < 1000; k++) {
    const target = (((((k + 300) * 7919) % count) >> 1) << 1) + parity;
    const s0 = performance.now();
    const run = engine.runProbe(state, { id: "p", from: "client", to: vip(target % count), proto: "tcp", port: 80 }, 1000 + k);
    if (k >= 0) samples.push(performance.now() - s0);
    if (run.outcome.result !== "connected") throw new Error(`probe to ${vip(target)}: ${run.outcome.result}`);
    // The longest single table walk (nat, through KUBE-SERVICES), as the kernel would do it.
    for (const e of run.trace) if (e.step === "nf") walked = Math.max(walked, e.evaluated);
  }
  return { per: median(samples), walked };
}

export function kubeProxyScale(engine: EngineModule): void {
  console.log("\nprobe through kube-proxy rules (client pod on n1 -> ClusterIP:80)");
  console.log(`${"services".padStart(9)} ${"rules/node".padStart(11)} ${"setup".padStart(9)}   ${"one endpoint".padStart(12)} ${"vs 100".padStart(7)}   ${"two endpoints".padStart(13)} ${"vs 100".padStart(7)}   ${"kernel tests".padStart(12)}`);
  let base1 = 0;
  let base2 = 0;
  for (const count of [100, 1000, 10000]) {
    const desc = clusterWith(count);
    const compiled = engine.compileCluster(desc);
    if (!compiled.ok) throw new Error(compiled.errors.join("\n"));
    const t0 = performance.now();
    const built = engine.buildScenarioState(engine.clusterScenario(compiled.build, { name: `scale-${count}`, probes: [] }));
    const setupMs = performance.now() - t0;
    if (built.refused.length > 0) throw new Error(`setup refused: ${built.refused[0]!.line.slice(0, 80)}: ${built.refused[0]!.error}`);
    const state = warm(engine, desc, built.state);
    const rules = Object.values(state.hosts["n1"]!.netfilter).reduce((n, t) => n + t.chains.reduce((m, c) => m + c.rules.length, 0), 0);
    const one = timeProbes(engine, state, count, 0);
    const two = timeProbes(engine, state, count, 1);
    if (count === 100) [base1, base2] = [one.per, two.per];
    console.log(
      `${count.toLocaleString("en").padStart(9)} ${rules.toLocaleString("en").padStart(11)} ${fmtMs(setupMs).padStart(9)}   ${fmtMs(one.per).padStart(12)} ${`${(one.per / base1).toFixed(2)}x`.padStart(7)}   ${fmtMs(two.per).padStart(13)} ${`${(two.per / base2).toFixed(2)}x`.padStart(7)}   ${Math.max(one.walked, two.walked).toLocaleString("en").padStart(12)}`,
    );
  }
  console.log("targets: at most 50 µs per probe at 10,000 Services; growth clearly below linear (the Services grow 100x)");
}
