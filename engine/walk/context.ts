/**
 * One walk: the evolving state (neighbour caches and FDBs learn as packets pass), the trace, and
 * what the probing socket has seen so far. Mutable while the walk runs; the caller gets
 * the final state back as a plain value.
 */
import { hostByName, linkByIndex, patchHost, withHosts } from "../model/state";
import { appendCounters, type WalkCounts } from "../netfilter/counters";
import type { Host, Link, NetState } from "../model/types";
import { framePacket, type Frame, type Packet } from "./packet";
import type { DropReason, TraceEvent } from "./trace";

/** The probing socket: replies are matched against it as the kernel's socket lookup would. */
export interface ClientSocket {
  readonly host: string;
  readonly proto: "tcp" | "udp" | "icmp";
  readonly src: number;
  readonly dst: number;
  readonly sport: number;
  readonly dport: number;
  readonly icmpId: number;
}

export interface ServerSeen {
  readonly server: string;
  readonly seenSrc: number;
  readonly seenDst: number;
  readonly seenPort: number;
}

export type ClientResult =
  | { readonly result: "connected" | "udp-reply"; readonly seen: ServerSeen }
  | { readonly result: "echo-reply"; readonly replyFrom: number }
  | { readonly result: "refused" | "unreachable" | "local-error"; readonly detail: string };

/** Bound on the steps of one walk, so a bridging loop or routing loop always ends. */
const STEP_BUDGET = 20_000;

export class Walk {
  readonly trace: TraceEvent[] = [];
  client: ClientSocket | undefined;
  result: ClientResult | undefined;
  /** The server's view of the connection being probed, recorded when the listener answers. */
  seen: ServerSeen | undefined;
  private steps = 0;
  /** Random choices (-m statistic --mode random) made so far, and the ones to replay. */
  readonly decisions: { readonly p: number; readonly took: boolean }[] = [];
  private readonly script: readonly boolean[];
  private readonly counters = new Map<string, WalkCounts>();
  private readonly nth = new Map<string, Record<string, number>>();
  /** The state as of the last time `state` was read, and the hosts changed since (folded in on the next read). */
  private base: NetState;
  private readonly changed = new Map<string, Host>();
  /** Simulated time; it does not move during a walk. */
  readonly now: number;

  constructor(state: NetState, script: readonly boolean[] = []) {
    this.base = state;
    this.now = state.now;
    this.script = script;
  }

  get state(): NetState {
    if (this.changed.size > 0) {
      this.base = withHosts(this.base, this.changed);
      this.changed.clear();
    }
    return this.base;
  }

  /**
   * A random match with probability p: replays the scripted choice if there is one, else
   * takes "match" and records the decision so the caller can explore the other branch.
   */
  choose(p: number): boolean {
    const i = this.decisions.length;
    const took = i < this.script.length ? this.script[i]! : p > 0;
    this.decisions.push({ p, took });
    return took;
  }

  /** What this walk adds to the host's rule counters (merged into the host by finish()). */
  nfCounters(host: string): WalkCounts {
    let c = this.counters.get(host);
    if (!c) this.counters.set(host, (c = []));
    return c;
  }

  nfNth(host: string): Record<string, number> {
    let c = this.nth.get(host);
    if (!c) this.nth.set(host, (c = { ...this.host(host).nfNth }));
    return c;
  }

  /** Write counters back into the state; call once when the walk is over. */
  finish(): NetState {
    for (const name of this.counters.keys()) this.foldInto(name);
    for (const name of this.nth.keys()) if (!this.counters.has(name)) this.foldInto(name);
    this.counters.clear();
    this.nth.clear();
    return this.state;
  }

  private foldInto(name: string): void {
    const added = this.counters.get(name);
    // A host whose tables were walked without counting anything keeps its value.
    if (added !== undefined && added.length === 0 && !this.nth.has(name)) return;
    const h = this.host(name);
    const nfCounters = added ? appendCounters(h.nfCounters, added) : h.nfCounters;
    this.setHost(patchHost(h, { nfCounters, nfNth: this.nth.get(name) ?? h.nfNth }));
  }

  /** Hosts by name for this walk, kept in step with `state` by setHost. */
  private readonly hosts = new Map<string, Host>();

  host(name: string): Host {
    const h = this.findHost(name);
    if (!h) throw new Error(`no host ${name}`);
    return h;
  }

  /** The host asked for last: most lookups ask for the same host again (cheaper than hashing the name). */
  private lastHost: Host | undefined;

  /** A host by name as this walk has it now, or undefined if there is none. */
  findHost(name: string): Host | undefined {
    if (this.lastHost?.name === name) return this.lastHost;
    let h = this.hosts.get(name);
    if (!h) {
      h = hostByName(this.base, name);
      // Keyed by the host's own name string, which the walk passes around from here on.
      if (h) this.hosts.set(h.name, h);
    }
    if (h) this.lastHost = h;
    return h;
  }

  setHost(host: Host): void {
    this.changed.set(host.name, host);
    this.hosts.set(host.name, host);
    this.lastHost = host;
  }

  link(host: string, ifindex: number): Link | undefined {
    return linkByIndex(this.host(host), ifindex);
  }

  emit(event: TraceEvent): void {
    this.trace.push(event);
  }

  /** Count one step of a packet or frame; false once the budget is spent (it is then lost as in a loop). */
  step(host: string, at: Packet | Frame): boolean {
    this.steps++;
    if (this.steps === STEP_BUDGET) this.drop(host, "kind" in at ? framePacket(at) : at, "TTL_EXCEEDED", "the walk went round a loop; stopped");
    return this.steps < STEP_BUDGET;
  }

  drop(host: string, pkt: Packet, reason: DropReason, detail: string, dev?: string): void {
    this.emit(dev !== undefined ? { step: "drop", host, pkt, reason, detail, dev } : { step: "drop", host, pkt, reason, detail });
  }
}
