import type { Host, Link, NetState } from "./types";
import { hostByName, linkByIndex } from "./state";

/** Hosts by name: from a state, or from a walk's own view of one (a Walk is one). */
export interface HostLookup {
  findHost(name: string): Host | undefined;
}

/** A state's hosts as a HostLookup (a class, not a closure: printing asks this for every link). */
class StateHosts implements HostLookup {
  constructor(private readonly state: NetState) {}
  findHost(name: string): Host | undefined {
    return hostByName(this.state, name);
  }
}

export function hasCarrier(state: NetState, host: Host, link: Link): boolean {
  return hasCarrierIn(new StateHosts(state), host, link);
}

/**
 * [LK3] Carrier. lo, dummy and vxlan have carrier when up. A veth has carrier when both ends are
 * up (veth_open/veth_close set netif_carrier on the peer). A bridge has carrier when at least one
 * port is up with carrier (br_port_carrier_check); with no ports it shows NO-CARRIER.
 */
export function hasCarrierIn(hosts: HostLookup, host: Host, link: Link): boolean {
  if (!link.up) return false;
  switch (link.kind) {
    case "loopback":
    case "dummy":
    case "vxlan":
      return true;
    case "veth": {
      const peerHost = hosts.findHost(link.peer.host);
      const peer = peerHost ? linkByIndex(peerHost, link.peer.ifindex) : undefined;
      return peer !== undefined && peer.up;
    }
    case "bridge":
      // A loop: a callback here would make every call of hasCarrierIn allocate a context, bridges or not.
      for (const port of host.links) if (port.master === link.ifindex && hasCarrierIn(hosts, host, port)) return true;
      return false;
    default:
      return assertNever(link);
  }
}

/** Up and with carrier: the link passes frames. */
export function isRunning(state: NetState, host: Host, link: Link): boolean {
  return link.up && hasCarrier(state, host, link);
}

/** RFC 2863 operstate as `ip link` prints it. */
export function operState(state: NetState, host: Host, link: Link): "UP" | "DOWN" | "UNKNOWN" | "LOWERLAYERDOWN" {
  if (!link.up) return "DOWN";
  if (link.kind === "loopback" || link.kind === "dummy" || link.kind === "vxlan") return "UNKNOWN";
  if (hasCarrier(state, host, link)) return "UP";
  return link.kind === "veth" ? "LOWERLAYERDOWN" : "DOWN";
}

export function assertNever(x: never): never {
  throw new Error(`unreachable: ${JSON.stringify(x)}`);
}
