/** npm run bench: prints figures and ratios measured in this run; never pass/fail. */
import { engineVersusKernel, probesPerSecond } from "./engine-vs-kernel";

console.log(`PodPath bench, node ${process.version}`);
probesPerSecond();
await engineVersusKernel();
