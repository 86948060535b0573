/**
 * xterm's fit addon, which sizes a terminal to its box. Its bundle reads `self` as it loads,
 * which the server render does not have, so only the browser imports it: the play screen
 * starts the import as soon as its code runs (early-start.ts), and each terminal fits itself
 * once it is here (at once, but for the first terminal of a page load, perhaps).
 */
import { lazyModule } from "@/app/_lib/lazy-module";

export const fitAddon = lazyModule(() => import("@xterm/addon-fit"));
