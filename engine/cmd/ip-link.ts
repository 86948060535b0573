import type { LinkKind } from "../model/types";
import { Cursor, matches } from "./cursor";
import type { IpCommand, LinkAttrs, LinkChange, VxlanAttrs } from "./types";
import { invalidArg, readAddress, readDevName, readMac, readOnOff, readUint, unsupported } from "./values";
import type { Mutable } from "../model/mutable";

const LINK_TYPES = ["veth", "bridge", "dummy", "vxlan"] as const;
const KNOWN_UNSUPPORTED_TYPES = ["macvlan", "ipvlan", "vlan", "bond", "wireguard", "gre", "ipip", "geneve", "tun", "tap", "vrf"];

/** `ip link` (man ip-link). */
export function parseIpLink(cur: Cursor, details: boolean): IpCommand {
  if (cur.done) return { type: "link-show", details, upOnly: false };
  const verb = cur.next();
  if (matches(verb, "add")) return parseAdd(cur);
  if (matches(verb, "set") || verb === "change") return parseSet(cur);
  if (matches(verb, "delete") || verb === "del") return parseDel(cur);
  if (matches(verb, "show") || matches(verb, "list") || verb === "lst") return parseShow(cur, details);
  cur.stop(`Command "${verb}" is unknown, try "ip link help".`);
}

function readAttr(cur: Cursor, word: string, attrs: { mtu?: number; mac?: string; up?: boolean }): boolean {
  if (word === "mtu") attrs.mtu = readUint(cur, "mtu", 65535);
  else if (word === "address") attrs.mac = readMac(cur);
  else if (word === "up") attrs.up = true;
  else if (word === "down") attrs.up = false;
  else if (["txqueuelen", "txqlen", "qlen", "numtxqueues", "numrxqueues", "group", "alias", "arp", "multicast", "promisc", "allmulticast"].includes(word)) unsupported(cur, word, "ip link");
  else return false;
  return true;
}

function parseAdd(cur: Cursor): IpCommand {
  let name: string | undefined;
  const attrs: { mtu?: number; mac?: string; up?: boolean } = {};
  while (!cur.done && cur.peek() !== "type") {
    const word = cur.next();
    if (readAttr(cur, word, attrs)) continue;
    if (word === "name" || word === "dev") name = readDevName(cur);
    else if (word === "link") unsupported(cur, word, "ip link add");
    else if (name === undefined) {
      if (word.length > 15 || word.includes("/")) invalidArg(cur, word, `"name" not a valid ifname`);
      name = word;
    } else cur.garbage(word, "name");
  }
  if (name === undefined) cur.stop(`Not enough information: "dev" argument is required.`);
  if (cur.done) cur.stop(`Not enough information: "type" argument is required.`);
  cur.next();
  const typeWord = cur.next();
  const kind = LINK_TYPES.find((t) => t === typeWord);
  if (kind === undefined) {
    if (KNOWN_UNSUPPORTED_TYPES.includes(typeWord)) unsupported(cur, `type ${typeWord}`, "ip link add");
    cur.stop(`Error: Unknown device type "${typeWord}".`);
  }
  if (kind === "veth") {
    const peer = parseVethPeer(cur);
    return peer ? { type: "link-add", name, kind, attrs, peer } : { type: "link-add", name, kind, attrs };
  }
  if (kind === "vxlan") return { type: "link-add", name, kind, attrs, vxlan: parseVxlan(cur) };
  if (kind === "bridge") parseBridgeOptions(cur);
  if (!cur.done) cur.garbage(cur.next(), "type");
  return { type: "link-add", name, kind, attrs };
}

function parseVethPeer(cur: Cursor): { name: string; netns?: string; attrs: LinkAttrs } | undefined {
  if (cur.done) return undefined;
  const word = cur.next();
  if (word !== "peer") cur.garbage(word, "peer");
  let name: string | undefined;
  let netns: string | undefined;
  const attrs: { mtu?: number; mac?: string; up?: boolean } = {};
  while (!cur.done) {
    const w = cur.next();
    if (readAttr(cur, w, attrs)) continue;
    if (w === "name") name = readDevName(cur);
    else if (w === "netns") netns = cur.next();
    else if (name === undefined) name = w;
    else cur.garbage(w, "name");
  }
  if (name === undefined) cur.stop(`Not enough information: "name" argument is required for the veth peer.`);
  return netns !== undefined ? { name, netns, attrs } : { name, attrs };
}

function parseBridgeOptions(cur: Cursor): void {
  while (!cur.done) {
    const w = cur.peek()!;
    if (w === "stp_state") {
      cur.next();
      if (readUint(cur, "stp_state", 1) !== 0) unsupported(cur, "stp_state 1", "ip link add type bridge");
    } else if (["ageing_time", "vlan_filtering", "forward_delay", "mcast_snooping"].includes(w)) unsupported(cur, w, "ip link add type bridge");
    else return;
  }
}

function parseVxlan(cur: Cursor): VxlanAttrs {
  let vni: number | undefined;
  let local: number | undefined;
  let dev: string | undefined;
  let dstport: number | undefined;
  let learning = true;
  while (!cur.done) {
    const w = cur.next();
    if (w === "id" || w === "vni") vni = readUint(cur, "id", 0xffffff);
    else if (w === "local") local = readAddress(cur, "local");
    else if (w === "dev") dev = readDevName(cur);
    else if (w === "dstport") dstport = readUint(cur, "dstport", 65535);
    else if (w === "nolearning") learning = false;
    else if (w === "learning") learning = true;
    else if (["remote", "group", "ttl", "tos", "port", "proxy", "l2miss", "l3miss", "gbp", "external", "srcport"].includes(w)) unsupported(cur, w, "ip link add type vxlan");
    else cur.garbage(w, "id");
  }
  if (vni === undefined) cur.stop(`vxlan: missing virtual network identifier`);
  const attrs: Mutable<VxlanAttrs> = { vni, learning };
  if (local !== undefined) attrs.local = local;
  if (dev !== undefined) attrs.dev = dev;
  if (dstport !== undefined) attrs.dstport = dstport;
  return attrs;
}

function parseSet(cur: Cursor): IpCommand {
  let dev: string | undefined;
  const changes: LinkChange[] = [];
  while (!cur.done) {
    const w = cur.next();
    if (w === "up") changes.push({ kind: "up" });
    else if (w === "down") changes.push({ kind: "down" });
    else if (w === "mtu") changes.push({ kind: "mtu", mtu: readUint(cur, "mtu", 65535) });
    else if (w === "address") changes.push({ kind: "address", mac: readMac(cur) });
    else if (w === "master") changes.push({ kind: "master", bridge: readDevName(cur) });
    else if (w === "nomaster") changes.push({ kind: "nomaster" });
    else if (w === "netns") changes.push({ kind: "netns", host: cur.next() });
    else if (w === "name") changes.push({ kind: "name", name: readDevName(cur) });
    else if (w === "type") changes.push({ kind: "port", flags: parseBridgeSlave(cur) });
    else if (w === "dev") dev = readDevName(cur);
    else if (["txqueuelen", "txqlen", "qlen", "arp", "multicast", "promisc", "allmulticast", "alias", "group", "vf", "xdp"].includes(w)) unsupported(cur, w, "ip link set");
    else if (dev === undefined) {
      if (w.length > 15) invalidArg(cur, w, `"dev" not a valid ifname`);
      dev = w;
    } else cur.garbage(w);
  }
  if (dev === undefined) cur.stop(`Not enough information: "dev" argument is required.`);
  return { type: "link-set", dev, changes };
}

function parseBridgeSlave(cur: Cursor): { hairpin?: boolean; learning?: boolean; flood?: boolean } {
  const t = cur.next();
  if (t !== "bridge_slave") unsupported(cur, `type ${t}`, "ip link set");
  const flags: { hairpin?: boolean; learning?: boolean; flood?: boolean } = {};
  while (!cur.done && ["hairpin", "learning", "flood"].includes(cur.peek()!)) {
    const w = cur.next() as "hairpin" | "learning" | "flood";
    flags[w] = readOnOff(cur, w);
  }
  return flags;
}

function parseDel(cur: Cursor): IpCommand {
  let dev: string | undefined;
  while (!cur.done) {
    const w = cur.next();
    if (w === "dev") dev = readDevName(cur);
    else if (dev === undefined) dev = w;
    else if (w === "type") cur.next();
    else cur.garbage(w);
  }
  if (dev === undefined) cur.stop(`Not enough information: "dev" argument is required.`);
  return { type: "link-del", dev };
}

function parseShow(cur: Cursor, details: boolean): IpCommand {
  let dev: string | undefined;
  let master: string | undefined;
  let kind: LinkKind | undefined;
  let upOnly = false;
  while (!cur.done) {
    const w = cur.next();
    if (w === "dev") dev = readDevName(cur);
    else if (w === "up") upOnly = true;
    else if (w === "master") master = readDevName(cur);
    else if (w === "type") {
      const t = cur.next();
      const k = [...LINK_TYPES, "loopback"].find((x) => x === t);
      if (k === undefined) cur.stop(`Error: Unknown device type "${t}".`);
      kind = k as LinkKind;
    } else if (dev === undefined) dev = w;
    else cur.garbage(w);
  }
  return { type: "link-show", details, upOnly, ...(dev !== undefined ? { dev } : {}), ...(master !== undefined ? { master } : {}), ...(kind !== undefined ? { kind } : {}) };
}
