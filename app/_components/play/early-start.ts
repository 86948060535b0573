/**
 * Imported first by the play screen (play-client.tsx), so this runs as soon as the screen's
 * code starts to load in the browser, before the engine's modules are evaluated and before
 * React hydrates the page: fetch xterm.js, connect, and ask for the attempt, all at once.
 * xterm's request goes first: the server sends a file at once, while opening an attempt
 * takes it a while.
 */
import { startEarly } from "./socket-transport";
import { loadXterm } from "./xterm-load";

if (typeof window !== "undefined") {
  loadXterm().catch(() => {
    /* each terminal awaits the import again and reports a failure itself */
  });
  startEarly();
}
