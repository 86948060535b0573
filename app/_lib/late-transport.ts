/**
 * A transport to be connected later: the play session is made while the screen first renders
 * (on the server too, from the page's attempt), and its socket only exists once the screen is
 * in the browser. Requests made before `bind` wait for it; after `bind(undefined)` (the screen
 * left), they wait for the next one.
 */
import type { Transport } from "./play-session";

export interface LateTransport {
  readonly transport: Transport;
  bind(transport: Transport | undefined): void;
}

export function lateTransport(): LateTransport {
  let bound: Transport | undefined;
  let waiting: (() => void)[] = [];
  const ready = async (): Promise<Transport> => {
    while (!bound) await new Promise<void>((resolve) => waiting.push(resolve));
    return bound;
  };
  return {
    transport: async (message) => (bound ?? (await ready()))(message),
    bind(transport) {
      bound = transport;
      if (!transport) return;
      const woken = waiting;
      waiting = [];
      for (const wake of woken) wake();
    },
  };
}
