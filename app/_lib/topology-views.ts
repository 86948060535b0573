/**
 * What the topology canvas draws, as plain geometry (app/_lib/topology-layout.ts computes it from
 * a state), and the measures the layout and the canvas share.
 */
import type { Host, LinkKind } from "@/engine/model/types";

export interface Pt {
  readonly x: number;
  readonly y: number;
}
export type Side = "top" | "bottom" | "left" | "right";

export interface PortView extends Pt {
  /** "host/dev" */
  readonly id: string;
  readonly host: string;
  readonly dev: string;
  readonly kind: LinkKind;
  readonly up: boolean;
  readonly side: Side;
  /** The bridge it is a port of. */
  readonly master?: string;
  /** A veth end the student may drag onto a bridge of its host. */
  readonly draggable: boolean;
  readonly mtu: number;
}

export interface BridgeView {
  readonly id: string;
  readonly host: string;
  readonly dev: string;
  readonly up: boolean;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly label: string;
}

export interface HostView {
  readonly name: string;
  readonly role: Host["role"];
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly editable: boolean;
  /** The host's main address (eth0 or its first global one). */
  readonly ip?: string;
  readonly loUp?: boolean;
}

export interface WireView {
  readonly id: string;
  readonly a: string;
  readonly b: string;
  readonly up: boolean;
  readonly path: string;
}
export interface MemberView {
  readonly port: string;
  readonly bridge: string;
  readonly up: boolean;
  readonly path: string;
}
export interface TunnelView {
  readonly id: string;
  readonly a: string;
  readonly b: string;
  readonly vni: number;
  /** Both VTEPs have an FDB entry for each other. */
  readonly both: boolean;
  /** The far end is a host address without a VTEP. */
  readonly dangling: boolean;
  readonly path: string;
}
export interface VipView {
  readonly ip: string;
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly programmed: boolean;
  readonly endpoints: readonly { readonly host: string; readonly path: string }[];
}

export interface TopoLayout {
  readonly width: number;
  readonly height: number;
  readonly hosts: readonly HostView[];
  readonly ports: readonly PortView[];
  readonly bridges: readonly BridgeView[];
  readonly wires: readonly WireView[];
  readonly members: readonly MemberView[];
  readonly tunnels: readonly TunnelView[];
  readonly vips: readonly VipView[];
}

export const GEOMETRY = {
  margin: 12,
  gap: 22,
  routerH: 46,
  rowGap: 44,
  nodeMinW: 236,
  podW: 118,
  podH: 50,
  podGap: 12,
  bridgeY: 36,
  bridgeH: 17,
  vethY: 72,
  podY: 98,
  uplinkX: 118,
  uplinkStep: 58,
  externalW: 150,
  externalH: 54,
  vipW: 156,
  vipH: 30,
  vipGap: 26,
  /** Port labels: font size, the width of one character (monospace, a little over 0.6 em), and where a label beside its dot starts. */
  portFont: 10,
  portCharW: 6.2,
  portLabelDx: 9,
  /** Room kept between a label and its host's right edge. */
  labelPad: 6,
} as const;

/** A port's label as the canvas draws it. */
export function portLabel(dev: string, up: boolean): string {
  return up ? dev : `${dev} down`;
}

/** How wide a port label is drawn (the canvas's monospace font at `portFont`). */
export function portLabelWidth(text: string): number {
  return text.length * GEOMETRY.portCharW;
}
