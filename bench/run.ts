/** npm run bench: prints figures and ratios measured in this run; never pass/fail. */
import { loadEngineBundle } from "./engine-bundle";
import { engineVersusKernel, probesPerSecond } from "./engine-vs-kernel";
import { kubeProxyScale } from "./kube-proxy-scale";
import { judgePerLevel } from "./judge-per-level";

console.log(`PodPath bench, node ${process.version}; engine timed as one esbuild bundle`);
const engine = await loadEngineBundle();
probesPerSecond(engine);
kubeProxyScale(engine);
judgePerLevel(engine);
await engineVersusKernel(engine);
