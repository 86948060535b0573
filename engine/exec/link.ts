import { deterministicMac } from "../addr/mac";
import { patchLink, shapeLink, type AnyLinkFields } from "../model/link-shape";
import type { IpCommand, LinkAttrs, LinkChange } from "../cmd/types";
import { addConnectedRoutes, deviceRemoved, deviceWentDown, recalcBridgeMac, withoutMaster } from "../model/host-ops";
import { hostByName, linkByIndex, linkByName, patchHost, withHost } from "../model/state";
import { withDeviceConf, withoutDeviceConf } from "../model/sysctl-defaults";
import type { Host, Link, NetState } from "../model/types";
import { E } from "./errors";
import { done, refuse, type ApplyResult } from "./outcome";

type Add = Extract<IpCommand, { type: "link-add" }>;

/** [LK1] New devices are DOWN; veth/bridge/dummy mtu 1500; vxlan its lower device's mtu - 50, or 1500 without one. */
function newLink(host: Host, name: string, attrs: LinkAttrs, ifindex: number, fields: Partial<AnyLinkFields> & { kind: Link["kind"] }): Link {
  const base = shapeLink({ kind: fields.kind, ifindex, name, mtu: attrs.mtu ?? 1500, mac: attrs.mac ?? deterministicMac(`${host.name}/${name}/${ifindex}`), up: attrs.up ?? false });
  return patchLink(base, fields);
}

function addLinkToHost(host: Host, link: Link): Host {
  return patchHost(host, { links: [...host.links, link], nextIfindex: Math.max(host.nextIfindex, link.ifindex + 1), sysctl: withDeviceConf(host.sysctl, link.name) });
}

export function linkAdd(state: NetState, host: Host, cmd: Add): ApplyResult {
  if (linkByName(host, cmd.name)) return refuse(E.exists);
  if (cmd.kind === "veth") return vethAdd(state, host, cmd);
  if (cmd.kind === "vxlan") {
    const v = cmd.vxlan!;
    const lower = v.dev !== undefined ? linkByName(host, v.dev) : undefined;
    if (v.dev !== undefined && !lower) return refuse(E.noDevice(v.dev));
    const mtu = cmd.attrs.mtu ?? (lower ? lower.mtu - 50 : 1500);
    if (lower && mtu > lower.mtu - 50) return refuse("RTNETLINK answers: Invalid argument");
    const link = newLink(host, cmd.name, { ...cmd.attrs, mtu }, host.nextIfindex, {
      kind: "vxlan",
      vni: v.vni,
      dstport: v.dstport ?? 8472,
      learning: v.learning,
      ...(v.local !== undefined ? { local: v.local } : {}),
      ...(lower ? { dev: lower.ifindex } : {}),
    });
    return done(withHost(state, addLinkToHost(host, link)));
  }
  const fields = cmd.kind === "bridge" ? { kind: "bridge" as const, macSet: cmd.attrs.mac !== undefined, ageingTime: 300 } : { kind: cmd.kind };
  return done(withHost(state, addLinkToHost(host, newLink(host, cmd.name, cmd.attrs, host.nextIfindex, fields))));
}

/** [LK4] veth_newlink registers the peer first, so in one namespace the peer gets the lower ifindex. */
function vethAdd(state: NetState, host: Host, cmd: Add): ApplyResult {
  const peerSpec = cmd.peer ?? { name: freeVethName(host), attrs: {} };
  const peerHostName = peerSpec.netns ?? host.name;
  const peerHost0 = hostByName(state, peerHostName);
  if (!peerHost0) return refuse(E.badNetns(peerHostName));
  if (linkByName(peerHost0, peerSpec.name) || (peerHostName === host.name && peerSpec.name === cmd.name)) return refuse(E.exists);
  const peerIndex = peerHost0.nextIfindex;
  const peerHost1 = addLinkToHost(peerHost0, newLink(peerHost0, peerSpec.name, peerSpec.attrs, peerIndex, { kind: "veth", peer: { host: host.name, ifindex: -1 } }));
  const selfHost0 = peerHostName === host.name ? peerHost1 : host;
  const selfIndex = selfHost0.nextIfindex;
  // The host's own name string, not the command's word: walks look hosts up by it, fastest by the same string.
  const self = newLink(selfHost0, cmd.name, cmd.attrs, selfIndex, { kind: "veth", peer: { host: peerHost0.name, ifindex: peerIndex } });
  const selfHost1 = addLinkToHost(selfHost0, self);
  const fixPeer = (h: Host): Host =>
    patchHost(h, { links: h.links.map((l) => (l.ifindex === peerIndex && l.kind === "veth" ? patchLink(l, { peer: { host: host.name, ifindex: selfIndex } }) : l)) });
  // The peer went in first, pointing nowhere; now it points at its other end.
  if (peerHostName === host.name) return done(withHost(state, fixPeer(selfHost1)));
  return done(withHost(withHost(state, fixPeer(peerHost1)), selfHost1));
}

function freeVethName(host: Host): string {
  for (let i = 0; ; i++) if (!linkByName(host, `veth${i}`)) return `veth${i}`;
}

/**
 * [LK8] One `ip link set` is one RTM_NEWLINK, which do_setlink applies in its own order, not the
 * command line's: netns first, then address, mtu, name, bridge-port flags, up/down, master last.
 * So `ip link set veth1 netns pod up` moves the device and brings it up in the pod.
 */
const SETLINK_ORDER: Readonly<Record<LinkChange["kind"], number>> = { netns: 0, address: 1, mtu: 2, name: 3, port: 4, down: 5, up: 5, nomaster: 6, master: 6 };

export function linkSet(state: NetState, host0: Host, dev: string, changes: readonly LinkChange[]): ApplyResult {
  const found = linkByName(host0, dev);
  if (!found) return refuse(E.noDevice(dev));
  let link: Link = found;
  let s = state;
  let host = host0;
  const ordered = [...changes].sort((a, b) => SETLINK_ORDER[a.kind] - SETLINK_ORDER[b.kind]);
  for (const change of ordered) {
    const r = applyChange(s, host, link, change);
    if (!r.ok) return r;
    s = r.state;
    if (change.kind === "netns") {
      // The device now lives in the target namespace; the remaining changes apply there.
      const target = hostByName(s, change.host);
      const moved: Link | undefined = target ? linkByName(target, link.name) : undefined;
      if (!target || !moved) return done(s);
      host = target;
      link = moved;
      continue;
    }
    host = s.hosts[host.name]!;
    link = linkByIndex(host, link.ifindex)!;
  }
  return done(s);
}

function applyChange(state: NetState, host: Host, link: Link, change: LinkChange): ApplyResult {
  const put = (h: Host, l: Link): Host => (patchHost(h, { links: h.links.map((x) => (x.ifindex === l.ifindex ? l : x)) }));
  switch (change.kind) {
    case "up": {
      if (link.up) return done(state);
      const upped = addConnectedRoutes(put(host, patchLink(link, { up: true, wasUp: true })), link.ifindex, link.kind === "loopback");
      return done(withHost(state, link.kind === "loopback" ? withLoopbackAddress(upped, link.ifindex) : upped));
    }
    case "down":
      if (!link.up) return done(state);
      return done(withHost(state, deviceWentDown(put(host, patchLink(link, { up: false })), link.ifindex)));
    case "mtu":
      if (change.mtu < 68) return refuse(E.mtuTooSmall);
      if (link.kind === "vxlan" && link.dev !== undefined) {
        // [LK7] vxlan_change_mtu: a VTEP with a lower device may not exceed its mtu minus the 50-byte header.
        const lower = linkByIndex(host, link.dev);
        if (lower && change.mtu > lower.mtu - 50) return refuse("RTNETLINK answers: Invalid argument");
      }
      return done(withHost(state, put(host, patchLink(link, { mtu: change.mtu }))));
    case "address": {
      const next = put(host, patchLink(link, link.kind === "bridge" ? { mac: change.mac, macSet: true } : { mac: change.mac }));
      return done(withHost(state, link.master !== undefined ? recalcBridgeMac(next, link.master) : next));
    }
    case "master": {
      const bridge = linkByName(host, change.bridge);
      if (!bridge) return refuse(`Error: argument "${change.bridge}" is wrong: Device does not exist`);
      if (bridge.kind !== "bridge") return refuse(E.notABridge(change.bridge));
      if (bridge.ifindex === link.ifindex) return refuse(E.loopToSelf);
      if (link.kind === "loopback" || link.kind === "bridge") return refuse(E.notEnslavable(link.name));
      // do_set_master: the same master again changes nothing (the port keeps hairpin and the rest).
      if (link.master === bridge.ifindex) return done(state);
      const port = { hairpin: false, learning: true, flood: true };
      let from = host;
      if (link.master !== undefined) {
        // Leaving another bridge first: it forgets what it learned on the port and may change MAC.
        from = put(from, patchLink(link, { master: undefined, port: undefined }));
        from = recalcBridgeMac(patchHost(from, { fdb: from.fdb.filter((f) => !(f.kind === "bridge" && f.port === link.ifindex)) }), link.master);
      }
      const enslaved = patchLink(link, { master: bridge.ifindex, port });
      return done(withHost(state, recalcBridgeMac(put(from, enslaved), bridge.ifindex)));
    }
    case "nomaster": {
      if (link.master === undefined) return done(state);
      const freed = put(host, withoutMaster(link));
      return done(withHost(state, recalcBridgeMac(patchHost(freed, { fdb: freed.fdb.filter((f) => !(f.kind === "bridge" && f.port === link.ifindex)) }), link.master)));
    }
    case "name": {
      if (change.name === link.name) return done(state);
      if (linkByName(host, change.name)) return refuse(E.exists);
      if (link.up) return refuse("RTNETLINK answers: Device or resource busy");
      const conf = host.sysctl.conf[link.name];
      const renamed = put(patchHost(host, { sysctl: withoutDeviceConf(host.sysctl, link.name) }), patchLink(link, { name: change.name }));
      return done(withHost(state, conf ? patchHost(renamed, { sysctl: { ...renamed.sysctl, conf: { ...renamed.sysctl.conf, [change.name]: conf } } }) : renamed));
    }
    case "port": {
      if (link.master === undefined || !link.port) return refuse(`Error: Device "${link.name}" is not a bridge port.`);
      return done(withHost(state, put(host, patchLink(link, { port: { ...link.port, ...change.flags } }))));
    }
    case "netns":
      return moveToNetns(state, host, link, change.host);
    default:
      return assertNeverChange(change);
  }
}

function assertNeverChange(x: never): never {
  throw new Error(`unknown link change ${JSON.stringify(x)}`);
}

/** [LK5] `ip link set DEV netns NS`: the device arrives DOWN, without addresses, routes or master. */
function moveToNetns(state: NetState, host: Host, link: Link, target: string): ApplyResult {
  const dest = hostByName(state, target);
  if (!dest) return refuse(E.badNetns(target));
  if (dest.name === host.name) return done(state);
  // Bridges (like lo) are NETIF_F_NETNS_LOCAL: they cannot change namespace.
  if (link.kind === "loopback" || link.kind === "bridge") return refuse("RTNETLINK answers: Invalid argument");
  if (linkByName(dest, link.name)) return refuse(E.exists);
  const ifindex = linkByIndex(dest, link.ifindex) ? dest.nextIfindex : link.ifindex;
  const moved = patchLink(link, { ifindex, up: false, wasUp: undefined, master: undefined, port: undefined });
  const left = patchHost(deviceRemoved(host, link.ifindex), { sysctl: withoutDeviceConf(host.sysctl, link.name) });
  let s = withHost(state, link.master !== undefined ? recalcBridgeMac(left, link.master) : left);
  s = withHost(s, addLinkToHost(dest, moved));
  if (moved.kind === "veth") {
    const peerHost = s.hosts[moved.peer.host];
    if (peerHost) {
      s = withHost(s, patchHost(peerHost, { links: peerHost.links.map((l) => (l.ifindex === moved.peer.ifindex && l.kind === "veth" ? patchLink(l, { peer: { host: dest.name, ifindex } }) : l)) }));
    }
  }
  return done(s);
}

/** [LO2] Bringing lo up gives it 127.0.0.1/8, scope host, unless it has it (inetdev_event NETDEV_UP). */
function withLoopbackAddress(host: Host, ifindex: number): Host {
  const loopback = 0x7f000001;
  if (host.addrs.some((a) => a.ifindex === ifindex && a.address === loopback && a.prefixLen === 8)) return host;
  return patchHost(host, { addrs: [{ ifindex, address: loopback, prefixLen: 8, scope: "host", secondary: false }, ...host.addrs] });
}

/** [LK6] Deleting one end of a veth pair deletes both ends. */
export function linkDel(state: NetState, host: Host, dev: string): ApplyResult {
  const link = linkByName(host, dev);
  if (!link) return refuse(E.noDevice(dev));
  if (link.kind === "loopback") return refuse("RTNETLINK answers: Operation not supported");
  let s = withHost(state, removeLink(host, link));
  if (link.kind === "veth") {
    const peerHost = s.hosts[link.peer.host];
    const peer = peerHost ? linkByIndex(peerHost, link.peer.ifindex) : undefined;
    if (peerHost && peer) s = withHost(s, removeLink(peerHost, peer));
  }
  return done(s);
}

function removeLink(host: Host, link: Link): Host {
  const h = deviceRemoved(host, link.ifindex);
  const withConf = patchHost(h, { sysctl: withoutDeviceConf(h.sysctl, link.name) });
  return link.master !== undefined ? recalcBridgeMac(withConf, link.master) : withConf;
}
