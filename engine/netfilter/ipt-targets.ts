/** The REJECT, LOG and MARK targets. */
import { param, podpath, stop } from "./ipt-errors";
import { badValue, type OptCall, type OptEntry, type TargetInstance } from "./ipt-ext";
import { parseMarkMask } from "./ipt-match-simple";
import { strtoui, truncateUtf8 } from "./ipt-values";
import type { RejectWith, Target } from "./types";

const REJECT_NAMES: readonly (readonly [RejectWith, string])[] = [
  ["icmp-net-unreachable", "net-unreach"],
  ["icmp-host-unreachable", "host-unreach"],
  ["icmp-proto-unreachable", "proto-unreach"],
  ["icmp-port-unreachable", "port-unreach"],
  ["icmp-net-prohibited", "net-prohib"],
  ["icmp-host-prohibited", "host-prohib"],
  ["tcp-reset", "tcp-rst"],
  ["icmp-admin-prohibited", "admin-prohib"],
];

const REJECT_OPTIONS: readonly OptEntry[] = [{ name: "reject-with", arg: true }];

export function rejectTarget(): TargetInstance {
  let w: RejectWith = "icmp-port-unreachable";
  return {
    name: "REJECT",
    options: REJECT_OPTIONS,
    parse(call: OptCall) {
      // libipt_REJECT takes the first entry whose name or alias starts with the word, in any case.
      const word = call.arg.toLowerCase();
      const found = REJECT_NAMES.find(([name, alias]) => name.startsWith(word) || alias.startsWith(word));
      if (!found) stop(param(`unknown reject type "${call.arg}"`, call.argColumn));
      w = found![0];
    },
    check() {},
    build: (): Target => ({ kind: "REJECT", with: w }),
  };
}

/** libxt_LOG's log_names: a number 0-7 (base 0) or one of these (not "err", not "warn"). */
const LEVELS: Readonly<Record<string, number>> = { emerg: 0, panic: 0, alert: 1, crit: 2, error: 3, warning: 4, notice: 5, info: 6, debug: 7 };
/** The LOG prefix holds 29 bytes; iptables-nft keeps the first 29 of a longer one. */
const LOG_PREFIX_MAX = 29;
const LOG_OPTIONS: readonly OptEntry[] = [
  { name: "log-level", arg: true },
  { name: "log-prefix", arg: true },
  ...["log-tcp-sequence", "log-tcp-options", "log-ip-options", "log-uid", "log-macdecode"].map((name) => ({ name, arg: false })),
];

export function logTarget(): TargetInstance {
  let level = 4;
  let prefix: string | undefined;
  return {
    name: "LOG",
    options: LOG_OPTIONS,
    parse(call: OptCall) {
      if (call.name === "log-level") {
        const n = strtoui(call.arg, 0, 7) ?? (Object.hasOwn(LEVELS, call.arg) ? LEVELS[call.arg] : undefined);
        if (n === undefined) stop(param(`log level "${call.arg}" unknown\n`, call.argColumn));
        level = n!;
      } else if (call.name === "log-prefix") {
        if (call.arg === "") stop(param("Argument must have a minimum length of 1 characters\n", call.argColumn));
        prefix = truncateUtf8(call.arg, LOG_PREFIX_MAX);
      } else {
        stop(podpath(`PodPath does not model "--${call.name}" of -j LOG; it keeps --log-prefix and --log-level.`, call.column));
      }
    },
    check() {},
    build: (): Target => ({ kind: "LOG", ...(prefix !== undefined ? { prefix } : {}), ...(level !== 4 ? { level } : {}) }),
  };
}

const MARK_OPTS = ["set-xmark", "set-mark", "and-mark", "or-mark", "xor-mark"];
const MARK_OPTIONS: readonly OptEntry[] = MARK_OPTS.map((name) => ({ name, arg: true, excl: MARK_OPTS.filter((o) => o !== name) }));

/** libxt_MARK v2: every form becomes set-xmark VALUE/MASK, new = (old & ~MASK) ^ VALUE. */
export function markTarget(): TargetInstance {
  let value = 0;
  let mask = 0;
  return {
    name: "MARK",
    options: MARK_OPTIONS,
    parse(call: OptCall) {
      if (call.name === "set-xmark" || call.name === "set-mark") {
        const m = parseMarkMask("MARK", call.name, call.arg, call.argColumn);
        value = m.value;
        mask = call.name === "set-mark" ? (m.mask | m.value) >>> 0 : m.mask;
        return;
      }
      const n = strtoui(call.arg, 0, 0xffffffff);
      if (n === undefined) badValue("MARK", call.name, 0, 4294967295, call.argColumn);
      if (call.name === "and-mark") [value, mask] = [0, ~n! >>> 0];
      else if (call.name === "or-mark") [value, mask] = [n!, n!];
      else [value, mask] = [n!, 0];
    },
    check(seen, _env, column) {
      if (seen.size === 0) stop(param("MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required", column));
    },
    build: (): Target => ({ kind: "MARK", value, mask }),
  };
}
