import type { DevConf, Sysctls } from "./types";

/**
 * [SY1] A fresh namespace: ip_forward 0, rp_filter 0, proxy_arp 0, route_localnet 0,
 * accept_local 0 for "all" and "default"; bridge-nf-call-iptables 1 (br_netfilter loaded).
 * The kernel harness pins the same values so the machine's own settings never leak in.
 */
export const FRESH_DEV_CONF: DevConf = {
  forwarding: 0,
  rp_filter: 0,
  proxy_arp: 0,
  route_localnet: 0,
  accept_local: 0,
};

export function freshSysctls(): Sysctls {
  return {
    conf: { all: FRESH_DEV_CONF, default: FRESH_DEV_CONF, lo: FRESH_DEV_CONF },
    bridgeNfCallIptables: 1,
    icmpRatelimit: 1000,
    icmpEchoIgnoreAll: 0,
  };
}

/** [SY2] A new device copies net.ipv4.conf.default.* (devinet.c inetdev_init). */
export function withDeviceConf(sysctl: Sysctls, devName: string): Sysctls {
  const fromDefault = sysctl.conf["default"] ?? FRESH_DEV_CONF;
  const conf: Record<string, DevConf> = {};
  for (const k in sysctl.conf) conf[k] = sysctl.conf[k]!;
  conf[devName] = fromDefault;
  return { conf, bridgeNfCallIptables: sysctl.bridgeNfCallIptables, icmpRatelimit: sysctl.icmpRatelimit, icmpEchoIgnoreAll: sysctl.icmpEchoIgnoreAll };
}

export function withoutDeviceConf(sysctl: Sysctls, devName: string): Sysctls {
  const { [devName]: _gone, ...rest } = sysctl.conf;
  return { ...sysctl, conf: rest };
}

export function devConf(sysctl: Sysctls, devName: string): DevConf {
  return sysctl.conf[devName] ?? sysctl.conf["default"] ?? FRESH_DEV_CONF;
}

/** [SY3] The rp_filter in force on a device is the larger of conf.all and conf.DEV. */
export function effectiveRpFilter(sysctl: Sysctls, devName: string): number {
  return Math.max(sysctl.conf["all"]?.rp_filter ?? 0, devConf(sysctl, devName).rp_filter);
}

/** accept_local, route_localnet and proxy_arp are ORed: IN_DEV_ORCONF. */
export function orConf(sysctl: Sysctls, devName: string, key: "accept_local" | "route_localnet" | "proxy_arp"): boolean {
  return (sysctl.conf["all"]?.[key] ?? 0) !== 0 || devConf(sysctl, devName)[key] !== 0;
}
