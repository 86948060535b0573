/**
 * apply(state, host, text): the one way state changes. The first line of `text` is the command;
 * any further lines are its standard input (iptables-restore reads it; the other commands refuse
 * it). Read-only commands return the state unchanged and what they print.
 */
import { parseCommand } from "../cmd/parse";
import type { BridgeCommand, Command, IpCommand } from "../cmd/types";
import { assertNever } from "../model/carrier";
import { hostByName, linkByName } from "../model/state";
import type { Host, NetState } from "../model/types";
import { printAddrs } from "../print/addr";
import { printFdb } from "../print/fdb";
import { printBridgeLinks, printLinks } from "../print/link";
import { printNeigh } from "../print/neigh";
import { printRoutes } from "../print/route";
import { routeGet } from "../print/route-get";
import { addrAdd, addrDel, addrFlush } from "./addr";
import { bridgeLinkSet, fdbModify } from "./bridge";
import { E } from "./errors";
import { linkAdd, linkDel, linkSet } from "./link";
import { neighFlush, neighModify } from "./neigh";
import { done, refuse, type ApplyResult } from "./outcome";
import { routeFlush, routeModify } from "./route";
import { sysctlApply } from "./sysctl";
import { conntrackApply, iptablesApply, iptablesRestore, iptablesSave } from "./netfilter";
import { parseRestoreInput } from "../netfilter/restore-input";

export function apply(state: NetState, hostName: string, text: string): ApplyResult {
  const host = hostByName(state, hostName);
  if (!host) return refuse(`no host named "${hostName}"`);
  const newline = text.indexOf("\n");
  const line = newline < 0 ? text : text.slice(0, newline);
  const stdinFrom = newline < 0 ? text.length : newline + 1;
  const parsed = parseCommand(line);
  if (!parsed.ok) return refuse(parsed.error.message, parsed.error.column);
  const command = parsed.value;
  // Only iptables-restore reads standard input; for any other command extra lines are a mistake.
  if (command.tool === "iptables-restore") return run(state, host, { tool: command.tool, cmd: command.cmd, input: parseRestoreInput(text, stdinFrom, command.cmd) });
  if (text.slice(stdinFrom).trim() !== "") return refuse(`${line.trim().split(/\s+/)[0]} does not read standard input`);
  return run(state, host, command);
}

export function run(state: NetState, host: Host, command: Command): ApplyResult {
  switch (command.tool) {
    case "ip":
      return runIp(state, host, command.cmd);
    case "bridge":
      return runBridge(state, host, command.cmd);
    case "sysctl":
      return sysctlApply(state, host, command.cmd);
    case "iptables":
      return iptablesApply(state, host, command.cmd);
    case "iptables-save":
      return iptablesSave(state, host, command.cmd);
    case "iptables-restore":
      return iptablesRestore(state, host, command.cmd, command.input);
    case "conntrack":
      return conntrackApply(state, host, command.cmd);
    default:
      return assertNever(command);
  }
}

function selectLinks(host: Host, dev: string | undefined): ReturnType<typeof linkByName>[] | string {
  if (dev === undefined) return [...host.links];
  const link = linkByName(host, dev);
  return link ? [link] : `Device "${dev}" does not exist.`;
}

function runIp(state: NetState, host: Host, cmd: IpCommand): ApplyResult {
  switch (cmd.type) {
    case "link-add":
      return linkAdd(state, host, cmd);
    case "link-set":
      return linkSet(state, host, cmd.dev, cmd.changes);
    case "link-del":
      return linkDel(state, host, cmd.dev);
    case "link-show": {
      const links = selectLinks(host, cmd.dev);
      if (typeof links === "string") return refuse(links);
      const master = cmd.master !== undefined ? linkByName(host, cmd.master) : undefined;
      if (cmd.master !== undefined && !master) return refuse(`Device "${cmd.master}" does not exist.`);
      const shown = links.filter((l) => l && (!cmd.upOnly || l.up) && (!master || l.master === master.ifindex) && (!cmd.kind || l.kind === cmd.kind));
      return done(state, printLinks(state, host, shown as never, cmd.details));
    }
    case "addr-add":
      return addrAdd(state, host, cmd);
    case "addr-del":
      return addrDel(state, host, cmd);
    case "addr-flush":
      return addrFlush(state, host, cmd.dev);
    case "addr-show": {
      const links = selectLinks(host, cmd.dev);
      if (typeof links === "string") return refuse(links);
      return done(state, printAddrs(state, host, links.filter((l) => l && (!cmd.upOnly || l.up)) as never));
    }
    case "route-modify":
      return routeModify(state, host, cmd.op, cmd.route);
    case "route-flush":
      return routeFlush(state, host, cmd.selector);
    case "route-show":
      if (cmd.selector.dev !== undefined && !linkByName(host, cmd.selector.dev)) return refuse(E.noDevice(cmd.selector.dev));
      return done(state, printRoutes(state, host, cmd.selector, cmd.table));
    case "route-get":
      return routeGet(state, host, cmd.dst, cmd.from, cmd.iif);
    case "neigh-modify":
      return neighModify(state, host, cmd);
    case "neigh-show":
      if (cmd.dev !== undefined && !linkByName(host, cmd.dev)) return refuse(E.noDevice(cmd.dev));
      return done(state, printNeigh(host, cmd.dev));
    case "neigh-flush":
      return neighFlush(state, host, cmd.dev);
    default:
      return assertNever(cmd);
  }
}

function runBridge(state: NetState, host: Host, cmd: BridgeCommand): ApplyResult {
  switch (cmd.type) {
    case "fdb-modify":
      return fdbModify(state, host, cmd);
    case "fdb-show":
      if (cmd.dev !== undefined && !linkByName(host, cmd.dev)) return refuse(E.noDevice(cmd.dev));
      return done(state, printFdb(state, host, cmd.dev, cmd.br));
    case "link-show":
      return done(state, printBridgeLinks(state, host, cmd.dev));
    case "link-set":
      return bridgeLinkSet(state, host, cmd.dev, cmd.flags);
    default:
      return assertNever(cmd);
  }
}
