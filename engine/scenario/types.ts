/**
 * The scenario file and outcome contract of shared/spec/SCENARIO.md, as types.
 * Tools outside the project rely on these meanings: extend, never redefine.
 */

export type HostRole = "node" | "pod" | "external" | "router";

export interface HostSpec {
  readonly name: string;
  readonly role: HostRole;
  /** For pods: the node the pod runs on (drawing and Kubernetes meaning only). */
  readonly node?: string;
}

/** One setup item: a command line run on a host; extra lines are the command's standard input. */
export interface SetupItem {
  readonly host: string;
  readonly line: string;
}

export type ProbeProto = "tcp" | "udp" | "icmp";

export interface Listener {
  readonly proto: "tcp" | "udp";
  readonly port: number;
}

export interface ProbeSpec {
  readonly id: string;
  readonly from: string;
  /** Destination address, a dotted quad. */
  readonly to: string;
  readonly proto: ProbeProto;
  /** Destination port, for tcp and udp. */
  readonly port?: number;
  /** Bind address of the sending socket. */
  readonly src?: string;
  /** ICMP payload bytes (ping -s). */
  readonly size?: number;
  /** Don't fragment (ping -M do). */
  readonly df?: boolean;
}

export type OutcomeResult = "connected" | "reply" | "refused" | "unreachable" | "timeout" | "local-error";

/**
 * An outcome carries exactly the keys that apply to its result:
 * server/seenSrc/seenDst/seenPort for `connected` and a UDP `reply`,
 * replyFrom for an ICMP `reply`, none of them otherwise. `p` is its probability.
 */
export type Outcome =
  | { result: "connected"; server: string; seenSrc: string; seenDst: string; seenPort: number; p: number; detail?: string }
  | { result: "reply"; server: string; seenSrc: string; seenDst: string; seenPort: number; p: number; detail?: string }
  | { result: "reply"; replyFrom: string; p: number; detail?: string }
  | { result: "refused" | "unreachable" | "timeout" | "local-error"; p: number; detail?: string };

export interface ProbeOutcomes {
  readonly id: string;
  readonly outcomes: Outcome[];
}

/** A setup line the stack refused, with the error it printed. The run goes on after it. */
export interface RefusedLine {
  readonly host: string;
  readonly line: string;
  readonly error: string;
}

export interface ScenarioResult {
  readonly scenario: string;
  readonly probes: ProbeOutcomes[];
  readonly refused?: RefusedLine[];
}

/** An expected outcome: the same shape as an outcome; a key left out matches any value. */
export type ExpectedOutcome = Partial<{
  result: OutcomeResult;
  server: string;
  seenSrc: string;
  seenDst: string;
  seenPort: number;
  replyFrom: string;
  p: number;
}>;

export interface Scenario {
  readonly name: string;
  readonly description?: string;
  readonly hosts: readonly HostSpec[];
  readonly setup: readonly SetupItem[];
  readonly listen: Readonly<Record<string, readonly Listener[]>>;
  readonly probes: readonly ProbeSpec[];
  readonly expect?: Readonly<Record<string, readonly ExpectedOutcome[]>>;
}
