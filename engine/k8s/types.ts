/**
 * A small Kubernetes cluster as data: the objects an API server would hold (nodes, pods,
 * Services) plus how the machines are wired. The controllers in this folder (CNI bridge plugin,
 * flannel, kube-proxy) turn it into the command lines they would run on each node.
 * Addresses are dotted quads and CIDRs as text ("10.244.0.0/24"); validate.ts checks them once.
 */

export type Protocol = "TCP" | "UDP";

export interface NodeDesc {
  /** Host name of the node (one network namespace). */
  readonly name: string;
  /** The node's address on the underlay (its eth0), e.g. "192.168.50.1". */
  readonly nodeIP: string;
  /** The node's share of the cluster CIDR, e.g. "10.244.0.0/24" (Node.spec.podCIDR). */
  readonly podCIDR: string;
}

export interface ContainerPort {
  readonly containerPort: number;
  /** Default TCP. */
  readonly protocol?: Protocol;
  /** A Service's targetPort may name it. */
  readonly name?: string;
}

export interface PodDesc {
  /** Host name of the pod (its own network namespace) and its Kubernetes name. */
  readonly name: string;
  /** Default "default". */
  readonly namespace?: string;
  readonly node: string;
  /** Pod IP, inside the node's podCIDR (host-local IPAM would hand it out). */
  readonly ip: string;
  /** The pod listens on each of these (a server in the pod's namespace). */
  readonly ports?: readonly ContainerPort[];
  readonly labels?: Readonly<Record<string, string>>;
  /** Default true. A pod that is not ready is no Service endpoint (EndpointSlice ready=false). */
  readonly ready?: boolean;
}

export interface ServicePortDesc {
  /** Part of the chain hash and of every comment ("default/web:http"). */
  readonly name?: string;
  /** Default TCP. */
  readonly protocol?: Protocol;
  readonly port: number;
  /** A number, or the name of a container port; default: `port`. */
  readonly targetPort?: number | string;
  /** Only for type NodePort, 30000-32767. */
  readonly nodePort?: number;
}

export interface ServiceDesc {
  /** Default "default". */
  readonly namespace?: string;
  readonly name: string;
  readonly type: "ClusterIP" | "NodePort";
  readonly clusterIP: string;
  readonly ports: readonly ServicePortDesc[];
  /** Pods in the Service's namespace whose labels include all of these are its endpoints. */
  readonly selector: Readonly<Record<string, string>>;
  /** Default "Cluster". "Local" only routes NodePort traffic to endpoints on the receiving node. */
  readonly externalTrafficPolicy?: "Cluster" | "Local";
  /** For externalTrafficPolicy Local: the port kube-proxy's health check server answers on. */
  readonly healthCheckNodePort?: number;
  /** Only "None": kube-proxy's ClientIP affinity needs `-m recent`, which PodPath does not model. */
  readonly sessionAffinity?: "None";
}

/**
 * How node eth0s are joined: a switch host with one bridge and a veth port per node and
 * external host (optionally carrying a gateway address that nodes use as default route), or
 * one veth pair straight between exactly two nodes.
 */
export type Underlay =
  | {
      readonly kind: "switch";
      /** Host name of the switch (role router). */
      readonly host: string;
      /** Default "br0". */
      readonly bridge?: string;
      /** Prefix length of the underlay subnet, e.g. 24. */
      readonly prefixLen: number;
      /** An address the switch host holds on its bridge; nodes get `default via` it. */
      readonly gateway?: string;
      /** Default 1500. */
      readonly mtu?: number;
    }
  | { readonly kind: "direct"; readonly prefixLen: number; readonly mtu?: number };

/** A machine outside the cluster on the underlay (a client), with an address there. */
export interface ExternalDesc {
  readonly name: string;
  readonly ip: string;
}

export interface ClusterOptions {
  /** The CNI bridge plugin's hairpinMode; default true, as flannel's CNI config sets it. */
  readonly hairpinMode?: boolean;
  /** kube-proxy --masquerade-all; default false. */
  readonly masqueradeAll?: boolean;
  /**
   * "used" (default): kube-proxy's chains and jumps that hold rules for this cluster, as in
   * shared/reference. "all": also the empty ones kube-proxy v1.28+ always creates
   * (KUBE-PROXY-FIREWALL, filter KUBE-SERVICES/KUBE-EXTERNAL-SERVICES/KUBE-NODEPORTS,
   * KUBE-PROXY-CANARY), kubelet's KUBE-FIREWALL, and route_localnet=1 for localhost NodePorts.
   */
  readonly kubeProxyChains?: "used" | "all";
}

export interface ClusterDesc {
  /** e.g. "10.244.0.0/16": flannel's Network and kube-proxy's --cluster-cidr. */
  readonly clusterCIDR: string;
  /** e.g. "10.96.0.0/12": every clusterIP lies in it. */
  readonly serviceCIDR: string;
  readonly backend: "host-gw" | "vxlan";
  readonly underlay: Underlay;
  readonly nodes: readonly NodeDesc[];
  readonly externals?: readonly ExternalDesc[];
  readonly pods: readonly PodDesc[];
  readonly services?: readonly ServiceDesc[];
  readonly options?: ClusterOptions;
}
