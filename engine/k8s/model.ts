/**
 * The checked cluster: a ClusterDesc after validate.ts, with defaults filled in and addresses in
 * canonical text. The controllers take only this, so none of them re-checks or re-parses.
 */
import type { ServiceChains } from "./chain-names";
import type { Protocol } from "./types";

/** A CIDR as canonical "a.b.c.d/len" text and as numbers. */
export interface Cidr {
  readonly text: string;
  readonly network: number;
  readonly prefixLen: number;
}

export interface Node {
  readonly name: string;
  readonly nodeIP: string;
  readonly podCIDR: Cidr;
  /** The pod gateway on cni0: the first address of podCIDR ("10.244.0.1"). */
  readonly gateway: string;
  /** flannel's VTEP address on flannel.1: podCIDR's network address ("10.244.0.0"). */
  readonly vtepIP: string;
  /** flannel.1's MAC, fixed up front so other nodes can point their neighbour and FDB entries at it. */
  readonly vtepMac: string;
}

export interface Pod {
  readonly name: string;
  readonly namespace: string;
  readonly node: string;
  readonly ip: string;
  readonly ports: readonly { readonly port: number; readonly protocol: Protocol; readonly name?: string }[];
  readonly labels: Readonly<Record<string, string>>;
  readonly ready: boolean;
  /** Host end of the pod's veth pair on its node. */
  readonly veth: string;
}

export interface ServicePort {
  /** "namespace/name:port" (ServicePortName.String). */
  readonly portName: string;
  readonly protocol: Protocol;
  readonly port: number;
  readonly targetPort: number | string;
  /** 0 when the Service has no NodePort. */
  readonly nodePort: number;
  readonly chains: ServiceChains;
}

export interface Service {
  readonly namespace: string;
  readonly name: string;
  readonly clusterIP: string;
  readonly ports: readonly ServicePort[];
  readonly selector: Readonly<Record<string, string>>;
  /** externalTrafficPolicy Local on a NodePort Service (kube-proxy's ExternalPolicyLocal). */
  readonly externalLocal: boolean;
  readonly healthCheckNodePort: number;
}

export type UnderlayWiring =
  | { readonly kind: "switch"; readonly host: string; readonly bridge: string; readonly gateway?: string }
  | { readonly kind: "direct" };

export interface External {
  readonly name: string;
  readonly ip: string;
}

export interface Cluster {
  readonly clusterCIDR: Cidr;
  readonly serviceCIDR: Cidr;
  readonly backend: "host-gw" | "vxlan";
  readonly wiring: UnderlayWiring;
  readonly underlayPrefixLen: number;
  readonly underlayMtu: number;
  readonly nodes: readonly Node[];
  readonly externals: readonly External[];
  readonly pods: readonly Pod[];
  readonly services: readonly Service[];
  readonly hairpinMode: boolean;
  readonly masqueradeAll: boolean;
  readonly kubeProxyChains: "used" | "all";
}

/** The interface every node, external host and pod has toward its network. */
export const ETH0 = "eth0";
export const CNI_BRIDGE = "cni0";
export const FLANNEL_VTEP = "flannel.1";
/** flannel's VXLAN: VNI 1, UDP 8472 (the Linux default, not IANA's 4789), 50 bytes of headers. */
export const FLANNEL_VNI = 1;
export const FLANNEL_PORT = 8472;
export const VXLAN_OVERHEAD = 50;
