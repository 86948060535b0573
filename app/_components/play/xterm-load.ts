/**
 * xterm.js is browser-only and the largest script of the play screen, so it is imported
 * dynamically; the play screen starts that import as soon as its code runs, alongside opening
 * the attempt, and every terminal awaits the same promise.
 */
import { lazyModule } from "@/app/_lib/lazy-module";

const xtermLib = lazyModule(() => import("./xterm-lib"));

export const loadXterm = () => xtermLib.load();
