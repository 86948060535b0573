/**
 * The shape of a cluster description (engine/k8s/types.ts ClusterDesc) in a level file. Only
 * shapes here: addresses, CIDRs and references are checked by the engine's own checkCluster,
 * whose messages say where.
 */
import { z } from "zod";
import type { ClusterDesc } from "../../engine/k8s/types";

const protocol = z.enum(["TCP", "UDP"]);
const port = z.number().int().min(1, "must be 1-65535").max(65535, "must be 1-65535");

const underlay = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("switch"),
    host: z.string(),
    bridge: z.string().optional(),
    prefixLen: z.number().int().min(1).max(30),
    gateway: z.string().optional(),
    mtu: z.number().int().min(68).max(65535).optional(),
  }),
  z.strictObject({ kind: z.literal("direct"), prefixLen: z.number().int().min(1).max(30), mtu: z.number().int().min(68).max(65535).optional() }),
]);

export const clusterSchema = z.strictObject({
  clusterCIDR: z.string(),
  serviceCIDR: z.string(),
  backend: z.enum(["host-gw", "vxlan"]),
  underlay,
  nodes: z.array(z.strictObject({ name: z.string(), nodeIP: z.string(), podCIDR: z.string() })).min(1, "at least one node is needed"),
  externals: z.array(z.strictObject({ name: z.string(), ip: z.string() })).optional(),
  pods: z.array(
    z.strictObject({
      name: z.string(),
      namespace: z.string().optional(),
      node: z.string(),
      ip: z.string(),
      ports: z.array(z.strictObject({ containerPort: port, protocol: protocol.optional(), name: z.string().optional() })).optional(),
      labels: z.record(z.string(), z.string()).optional(),
      ready: z.boolean().optional(),
    }),
  ),
  services: z
    .array(
      z.strictObject({
        namespace: z.string().optional(),
        name: z.string(),
        type: z.enum(["ClusterIP", "NodePort"]),
        clusterIP: z.string(),
        ports: z.array(
          z.strictObject({
            name: z.string().optional(),
            protocol: protocol.optional(),
            port,
            targetPort: z.union([port, z.string()]).optional(),
            nodePort: z.number().int().min(30000, "must be 30000-32767").max(32767, "must be 30000-32767").optional(),
          }),
        ).min(1, "a Service needs a port"),
        selector: z.record(z.string(), z.string()),
        externalTrafficPolicy: z.enum(["Cluster", "Local"]).optional(),
        healthCheckNodePort: port.optional(),
        sessionAffinity: z.literal("None").optional(),
      }),
    )
    .optional(),
  options: z
    .strictObject({ hairpinMode: z.boolean().optional(), masqueradeAll: z.boolean().optional(), kubeProxyChains: z.enum(["used", "all"]).optional() })
    .optional(),
});

/** The schema and the engine's type must describe the same thing. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const clusterSchemaMatchesEngine: Same<DeepWritable<z.infer<typeof clusterSchema>>, DeepWritable<ClusterDesc>> = true;

type DeepWritable<T> = T extends readonly (infer U)[] ? DeepWritable<U>[] : T extends object ? { -readonly [K in keyof T]: DeepWritable<T[K]> } : T;
