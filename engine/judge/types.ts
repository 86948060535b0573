/**
 * A level as the judge sees it: the level file of content/level after its variant parameters
 * were filled in and its schema checked. content/level/schema.ts infers the same shape from
 * its zod schema and asserts that the two agree, so this file is the one definition the
 * engine, the game rules and the server share.
 */
import type { ClusterDesc } from "../k8s/types";
import type { HostSpec, Listener, ProbeSpec, SetupItem } from "../scenario/types";

/** Text keyed by locale; `en` is always there. Markdown where the field says so. */
export type LocalText = { readonly en: string } & Readonly<Record<string, string>>;

export type TrackId = "pod" | "node" | "cross-node" | "overlay" | "services" | "egress" | "nodeport";

/** A probe in a goal: a scenario probe without its id (the judge names it after the goal). */
export type GoalProbe = Omit<ProbeSpec, "id">;

/** The start state: hosts and setup lines as in a scenario, or a cluster the controllers compile. */
export type LevelStart =
  | {
      readonly kind: "scenario";
      readonly hosts: readonly HostSpec[];
      readonly setup: readonly SetupItem[];
      readonly listen: Readonly<Record<string, readonly Listener[]>>;
    }
  /** `listen`: servers outside the pods (pods listen on their container ports). */
  | { readonly kind: "cluster"; readonly cluster: ClusterDesc; readonly listen: Readonly<Record<string, readonly Listener[]>> };

export type Invariant = "pod-to-pod-no-nat" | "nodes-reach-pods";

export type Goal =
  /** The probe connects (every outcome), optionally only to these servers and seen from this source. */
  | { readonly kind: "reach"; readonly id: string; readonly text: LocalText; readonly probe: GoalProbe; readonly servers?: readonly string[]; readonly seenSrc?: string }
  /** The probe must not connect or get a reply; with `result`, it must end exactly so. */
  | { readonly kind: "blocked"; readonly id: string; readonly text: LocalText; readonly probe: GoalProbe; readonly result?: "refused" | "unreachable" | "timeout" }
  /** Every outcome connects, and each listed server is chosen with probability at least minP. */
  | { readonly kind: "balanced"; readonly id: string; readonly text: LocalText; readonly probe: GoalProbe; readonly servers: readonly string[]; readonly minP: number }
  /** What must stay as the level started: the pods' addresses, or what a show command prints on a host. */
  | { readonly kind: "keep"; readonly id: string; readonly text: LocalText; readonly what: "pod-ips" }
  | { readonly kind: "keep"; readonly id: string; readonly text: LocalText; readonly what: "output"; readonly host: string; readonly show: string }
  /** A rule of the Kubernetes network model, checked over every pod. */
  | { readonly kind: "invariant"; readonly id: string; readonly text: LocalText; readonly invariant: Invariant };

export type GoalKind = Goal["kind"];

/** A kind of command a level keeps off-limits, e.g. "no editing KUBE-* chains in this level". */
export interface ForbiddenCommand {
  /** The program: ip, bridge, iptables, iptables-restore, sysctl, conntrack. */
  readonly command: string;
  /** For ip and bridge: the object (route, link, addr, neigh, fdb). */
  readonly object?: string;
  /** For iptables: the table (default filter) and a chain name, `*` as wildcard. */
  readonly table?: string;
  readonly chain?: string;
  /** Hosts it applies to; default all. */
  readonly hosts?: readonly string[];
  readonly reason: LocalText;
}

export interface Level {
  readonly id: string;
  readonly title: LocalText;
  readonly track: TrackId;
  /** Position within the track, from 1. */
  readonly order: number;
  /** 1 (first steps) to 5 (hard). */
  readonly difficulty: number;
  readonly minutes: number;
  /** "build": finish something unfinished; "fix": find what is broken. */
  readonly mode: "build" | "fix";
  readonly briefing: LocalText;
  readonly success: LocalText;
  readonly start: LevelStart;
  /** Lines run after the start state is up: what the story broke. */
  readonly break: readonly SetupItem[];
  /** Hosts the student may type on. */
  readonly editable: readonly string[];
  readonly forbidden: readonly ForbiddenCommand[];
  readonly goals: readonly Goal[];
  readonly hints: readonly LocalText[];
  /** One reference solution, as command lines per host. */
  readonly solution: readonly SetupItem[];
  /** A command count for the "golf" star. */
  readonly par?: number;
}
