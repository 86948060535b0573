/** `ip route get`: ask the FIB what it would do, output path or (with iif) input path. */
import { formatIPv4 } from "../addr/ipv4";
import { linkByName } from "../model/state";
import type { Host, NetState } from "../model/types";
import { E } from "../exec/errors";
import { done, refuse, type ApplyResult } from "../exec/outcome";
import { routeOutput } from "../walk/ip-output";
import { routeInput } from "../walk/route-input";
import { Walk } from "../walk/context";

const ERRNO_TEXT: Record<string, string> = {
  ENETUNREACH: "RTNETLINK answers: Network is unreachable",
  EHOSTUNREACH: "RTNETLINK answers: No route to host",
  EACCES: "RTNETLINK answers: Permission denied",
  EINVAL: "RTNETLINK answers: Invalid argument",
  EADDRNOTAVAIL: "RTNETLINK answers: Cannot assign requested address",
};

/**
 * [RG1] Without `iif` this is the output path (what a local socket would do); with
 * `iif DEV from SRC` it is the input path, so rp_filter refusals show as
 * "Invalid cross-device link" (EXDEV) and forwarding-off as "No route to host".
 */
export function routeGet(state: NetState, host: Host, dst: number, from?: number, iif?: string): ApplyResult {
  if (iif !== undefined) {
    const link = linkByName(host, iif);
    if (!link) return refuse(E.noDevice(iif));
    const src = from ?? 0;
    const r = routeInput(new Walk(state), host, link, src, dst);
    if (r.kind === "drop") {
      const text = r.reason === "IP_RPFILTER" ? "RTNETLINK answers: Invalid cross-device link" : r.reason === "NO_ROUTE" ? "RTNETLINK answers: Network is unreachable" : r.reason === "IP_FORWARDING_DISABLED" ? "RTNETLINK answers: No route to host" : "RTNETLINK answers: Invalid argument";
      return refuse(text);
    }
    if (r.kind === "local") return done(state, `local ${formatIPv4(dst)} from ${formatIPv4(src)} dev lo table local \n    cache <local> iif ${iif} \n`);
    const out = host.links.find((l) => l.ifindex === r.outIfindex)?.name ?? "?";
    const via = r.route.via !== undefined ? ` via ${formatIPv4(r.route.via)}` : "";
    return done(state, `${formatIPv4(dst)} from ${formatIPv4(src)}${via} dev ${out} iif ${iif} \n    cache iif ${iif} \n`);
  }
  const r = routeOutput(host, dst, from);
  if (r.kind === "error") return refuse(ERRNO_TEXT[r.errno] ?? r.detail);
  const fromPart = from !== undefined ? ` from ${formatIPv4(from)}` : "";
  // iproute2 prints the source only when the kernel chose it (no `from`).
  const srcPart = from === undefined ? ` src ${formatIPv4(r.src)}` : "";
  if (r.kind === "local") return done(state, `local ${formatIPv4(dst)}${fromPart} dev lo${srcPart} uid 0 \n    cache <local> \n`);
  const via = r.via !== undefined ? ` via ${formatIPv4(r.via)}` : "";
  return done(state, `${formatIPv4(dst)}${fromPart}${via} dev ${r.dev.name}${srcPart} uid 0 \n    cache \n`);
}
