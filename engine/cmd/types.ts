/** Typed commands: every command line is parsed once into one of these. */
import type { AddrScope, BridgePortFlags, LinkKind, NeighState, RouteProto, RouteScope, RouteType } from "../model/types";
import type { ConntrackCommand, IptCommand, RestoreLine, RestoreOptions, SaveCommand } from "../netfilter/ipt-command";

export interface LinkAttrs {
  readonly mtu?: number;
  readonly mac?: string;
  readonly up?: boolean;
}

export interface VxlanAttrs {
  readonly vni: number;
  readonly local?: number;
  readonly dev?: string;
  readonly dstport?: number;
  readonly learning: boolean;
}

export type LinkChange =
  | { readonly kind: "up" }
  | { readonly kind: "down" }
  | { readonly kind: "mtu"; readonly mtu: number }
  | { readonly kind: "address"; readonly mac: string }
  | { readonly kind: "master"; readonly bridge: string }
  | { readonly kind: "nomaster" }
  | { readonly kind: "netns"; readonly host: string }
  | { readonly kind: "name"; readonly name: string }
  | { readonly kind: "port"; readonly flags: Partial<BridgePortFlags> };

export interface RouteSpec {
  /** undefined when the line named no type ("unicast" for add; any type for del). */
  readonly type?: RouteType;
  /** undefined for "default" is represented as 0.0.0.0/0 */
  readonly dst: number;
  readonly prefixLen: number;
  readonly dstColumn: number;
  readonly via?: number;
  readonly dev?: string;
  readonly onlink: boolean;
  readonly scope?: RouteScope;
  readonly src?: number;
  readonly metric?: number;
  readonly proto?: RouteProto;
}

export interface RouteSelector {
  readonly dst?: { readonly address: number; readonly prefixLen: number; readonly exact: boolean };
  readonly dev?: string;
  readonly via?: number;
  readonly proto?: RouteProto;
  readonly scope?: RouteScope;
  readonly type?: RouteType;
}

export type IpCommand =
  | { readonly type: "link-add"; readonly name: string; readonly kind: Exclude<LinkKind, "loopback">; readonly attrs: LinkAttrs; readonly peer?: { readonly name: string; readonly netns?: string; readonly attrs: LinkAttrs }; readonly vxlan?: VxlanAttrs }
  | { readonly type: "link-set"; readonly dev: string; readonly changes: readonly LinkChange[] }
  | { readonly type: "link-del"; readonly dev: string }
  | { readonly type: "link-show"; readonly dev?: string; readonly details: boolean; readonly master?: string; readonly kind?: LinkKind; readonly upOnly: boolean }
  | { readonly type: "addr-add"; readonly replace: boolean; readonly dev: string; readonly address: number; readonly prefixLen: number; readonly scope?: AddrScope; readonly broadcast?: number | "+"; readonly label?: string }
  | { readonly type: "addr-del"; readonly dev: string; readonly address: number; readonly prefixLen: number; readonly explicitLen: boolean }
  | { readonly type: "addr-flush"; readonly dev: string }
  | { readonly type: "addr-show"; readonly dev?: string; readonly upOnly: boolean }
  | { readonly type: "route-modify"; readonly op: "add" | "replace" | "change" | "append" | "prepend" | "del"; readonly route: RouteSpec }
  | { readonly type: "route-flush"; readonly selector: RouteSelector }
  | { readonly type: "route-show"; readonly selector: RouteSelector; readonly table: "main" | "local" | "all" }
  | { readonly type: "route-get"; readonly dst: number; readonly from?: number; readonly iif?: string; readonly oif?: string }
  | { readonly type: "neigh-modify"; readonly op: "add" | "replace" | "change" | "del"; readonly address: number; readonly dev: string; readonly mac?: string; readonly state: NeighState }
  | { readonly type: "neigh-show"; readonly dev?: string }
  | { readonly type: "neigh-flush"; readonly dev?: string };

export type BridgeCommand =
  | { readonly type: "fdb-modify"; readonly op: "add" | "append" | "replace" | "del"; readonly mac: string; readonly dev: string; readonly dst?: number; readonly self: boolean; readonly master: boolean; readonly state: "permanent" | "static" | "dynamic" }
  | { readonly type: "fdb-show"; readonly dev?: string; readonly br?: string }
  | { readonly type: "link-show"; readonly dev?: string }
  | { readonly type: "link-set"; readonly dev: string; readonly flags: Partial<BridgePortFlags> };

export type SysctlCommand =
  | { readonly type: "write"; readonly assignments: readonly { readonly key: string; readonly value: string; readonly column: number }[]; readonly quiet: boolean }
  | { readonly type: "read"; readonly keys: readonly { readonly key: string; readonly column: number }[]; readonly valueOnly: boolean }
  | { readonly type: "all"; readonly valueOnly: boolean };

export type Command =
  | { readonly tool: "ip"; readonly details: boolean; readonly cmd: IpCommand }
  | { readonly tool: "bridge"; readonly cmd: BridgeCommand }
  | { readonly tool: "sysctl"; readonly cmd: SysctlCommand }
  | { readonly tool: "iptables"; readonly cmd: IptCommand }
  | { readonly tool: "iptables-save"; readonly cmd: SaveCommand }
  /** `input` is the command's standard input, parsed (apply() fills it from the lines after the command). */
  | { readonly tool: "iptables-restore"; readonly cmd: RestoreOptions & { readonly test: boolean }; readonly input: readonly RestoreLine[] }
  | { readonly tool: "conntrack"; readonly cmd: ConntrackCommand };
