/**
 * Imported first by the play screen (play-client.tsx), so this runs as soon as the screen's
 * code starts to load in the browser, before the engine's modules are evaluated and before
 * React hydrates the page: fetch xterm's fit addon, connect, and ask for the attempt. The
 * page's server render usually brought the attempt already; the reply then only confirms that
 * it is still current (PlaySession.start).
 */
import { startEarly } from "./socket-transport";
import { fitAddon } from "./xterm-fit";

if (typeof window !== "undefined") {
  fitAddon.load().catch(() => {
    /* each terminal asks again, and keeps its default size if this fails */
  });
  startEarly();
}
