/**
 * One attempt at a level in the browser: the command log, the state it leads to, the local
 * verdict (instant) and the server's (the one that counts). Every command line, typed or made
 * by an editor, goes through `run`: checked and applied at once with the shared rules
 * (game/attempt.ts), then sent with the next seq; the ack confirms it or corrects the log.
 * The transport is injected, so this runs in tests without a socket (STYLE 6).
 */
import { canRevealSolution, commandCount, replay, runCommand, undoTarget } from "@/game/attempt";
import type { AttemptView, ClientMessage, LogEntry, ServerReply, VerdictSummary } from "@/game/protocol";
import type { PROTOCOL_VERSION } from "@/game/protocol";
import { judge } from "@/engine/judge/judge";
import { prepareFromBase, type PreparedLevel } from "@/engine/judge/prepare-base";
import type { Level } from "@/engine/judge/types";
import type { Verdict } from "@/engine/judge/verdict";
import type { NetState } from "@/engine/model/types";
import { observeProbes, type ObservedRun } from "./probe-runs";

const V: typeof PROTOCOL_VERSION = 1;

export type Transport = (message: ClientMessage) => Promise<ServerReply>;

export type SyncState = "pending" | "confirmed" | "corrected" | "failed";
export interface SessionEntry extends LogEntry {
  readonly sync: SyncState;
  readonly serverError?: string;
}

export interface SessionSnapshot {
  readonly status: "connecting" | "ready" | "error";
  readonly error?: string;
  readonly attemptId?: string;
  readonly level?: Level;
  readonly prepared?: PreparedLevel;
  readonly state?: NetState;
  readonly log: readonly SessionEntry[];
  readonly local?: Verdict;
  readonly server?: VerdictSummary;
  /** Requests sent whose ack has not come back. */
  readonly inFlight: number;
  readonly hints: readonly string[];
  readonly hintCount: number;
  readonly solution?: readonly { readonly host: string; readonly line: string }[];
  readonly solutionShown: boolean;
  readonly canRevealSolution: boolean;
  readonly canUndo: boolean;
  readonly stars: number;
  /** Bumped by every probe run (each judgement and "Run probes"). */
  readonly probeRun: number;
}

export type TerminalEvent =
  /** A line run from outside the terminal (an editor, the solution): print it as if typed, then its output. */
  | { readonly kind: "echo"; readonly host: string; readonly line: string; readonly text: string; readonly isError: boolean }
  /** Something the student should see in that host's terminal, above the prompt. */
  | { readonly kind: "notice"; readonly host: string; readonly text: string; readonly tone: "info" | "warn" | "error" }
  | { readonly kind: "reset" };

export interface RunResult {
  readonly text: string;
  readonly isError: boolean;
}

/** Two views of an attempt that the screen would show alike (the same log, help shown and stars). */
function sameProgress(a: AttemptView, b: AttemptView): boolean {
  return (
    a.id === b.id &&
    a.hintsShown === b.hintsShown &&
    a.solutionShown === b.solutionShown &&
    a.stars === b.stars &&
    a.log.length === b.log.length &&
    a.log.every((e, i) => e.seq === b.log[i]!.seq && e.undone === b.log[i]!.undone)
  );
}

const EMPTY: SessionSnapshot = { status: "connecting", log: [], inFlight: 0, hints: [], hintCount: 0, solutionShown: false, canRevealSolution: false, canUndo: false, stars: 0, probeRun: 0 };

export class PlaySession {
  private snap: SessionSnapshot = EMPTY;
  private readonly listeners = new Set<() => void>();
  private readonly terminalListeners = new Set<(e: TerminalEvent) => void>();
  private observed: { state: NetState; run: ObservedRun } | undefined;

  /**
   * `initial`: the attempt the page was rendered with (app/play/[levelId]/page.tsx), taken at
   * once, so the session is ready on its first render, in the server's render too.
   */
  constructor(
    private readonly transport: Transport,
    private readonly levelId: string,
    private readonly initial?: AttemptView,
  ) {
    if (initial) this.adopt(initial);
  }

  snapshot = (): SessionSnapshot => this.snap;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  onTerminal(fn: (e: TerminalEvent) => void): () => void {
    this.terminalListeners.add(fn);
    return () => this.terminalListeners.delete(fn);
  }

  private set(patch: Partial<SessionSnapshot>): void {
    const next = { ...this.snap, ...patch };
    const commands = commandCount(next.log);
    this.snap = {
      ...next,
      canUndo: undoTarget(next.log) !== undefined,
      canRevealSolution: !next.solutionShown && canRevealSolution({ hintsShown: next.hints.length, hintCount: next.hintCount, commands }),
    };
    for (const fn of this.listeners) fn();
  }

  private emit(e: TerminalEvent): void {
    for (const fn of this.terminalListeners) fn(e);
  }

  async open(): Promise<void> {
    this.set({ status: "connecting" });
    const reply = await this.request({ v: V, type: "attempt.open", levelId: this.levelId });
    if (reply.ok && reply.type === "attempt") this.adopt(reply.attempt);
    else this.set({ status: "error", error: reply.ok ? `unexpected reply ${reply.type}` : reply.error });
  }

  /**
   * Opens the attempt; for a session made with the page's attempt, asks the server once more
   * and takes its view if the page's was out of date (a page kept by the browser's back button,
   * or the attempt changed in another tab since). That question is not counted in flight: the
   * page's view already carries the server's verdict.
   */
  async start(): Promise<void> {
    const { initial } = this;
    if (!initial) return this.open();
    let reply: ServerReply;
    try {
      reply = await this.transport({ v: V, type: "attempt.open", levelId: this.levelId });
    } catch {
      return;
    }
    if (!reply.ok || reply.type !== "attempt" || this.snap.attemptId !== initial.id || sameProgress(reply.attempt, initial)) return;
    this.adopt(reply.attempt);
  }

  /** Take the server's view of the attempt as it is. */
  private adopt(view: AttemptView): void {
    const prepared = prepareFromBase(view.level, view.base);
    const log: SessionEntry[] = view.log.map((e) => ({ ...e, sync: "confirmed" }));
    const state = replay(prepared, log);
    this.observed = undefined;
    this.set({
      status: "ready",
      error: undefined,
      attemptId: view.id,
      level: view.level,
      prepared,
      state,
      log,
      local: judge(prepared, state),
      server: view.verdict,
      hints: view.level.hints.slice(0, view.hintsShown).map((h) => h.en),
      hintCount: view.hintCount ?? view.level.hints.length,
      solution: view.solutionShown ? view.level.solution : undefined,
      solutionShown: view.solutionShown,
      stars: view.stars,
      probeRun: this.snap.probeRun + 1,
    });
  }

  private async request(message: ClientMessage): Promise<ServerReply> {
    this.set({ inFlight: this.snap.inFlight + 1 });
    try {
      return await this.transport(message);
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    } finally {
      this.set({ inFlight: this.snap.inFlight - 1 });
    }
  }

  /** The state read-only commands and tcpdump look at: after the last probe run. */
  observedRun(): ObservedRun | undefined {
    const { prepared, state } = this.snap;
    if (!prepared || !state) return undefined;
    if (this.observed?.state !== state) this.observed = { state, run: observeProbes(prepared, state) };
    return this.observed.run;
  }

  /** Run a command line on a host: local result now, the server's confirmation later. */
  run(host: string, line: string, origin: "terminal" | "editor" = "terminal"): RunResult {
    const { prepared, state, attemptId } = this.snap;
    if (!prepared || !state || !attemptId) return { text: "not connected to the server yet: wait a moment", isError: true };
    // Looking runs on the state the probes left (counters, conntrack); changing runs on the pure state, as on the server.
    const observed = this.observedRun()?.state;
    const look = observed ? runCommand(prepared, observed, host, line) : undefined;
    const r = look && look.ok && !look.changed ? look : runCommand(prepared, state, host, line);
    const seq = this.snap.log.length + 1;
    const entry: SessionEntry = r.ok
      ? { seq, host, line, accepted: true, output: r.output, changed: r.changed, undone: false, sync: "pending" }
      : { seq, host, line, accepted: false, error: r.error, changed: false, undone: false, sync: "pending" };
    const changedState = r.ok && r.changed && r !== look ? r.state : undefined;
    this.set({
      log: [...this.snap.log, entry],
      ...(changedState ? { state: changedState, local: judge(prepared, changedState), probeRun: this.snap.probeRun + 1 } : {}),
    });
    const result = r.ok ? { text: r.output, isError: false } : { text: r.error, isError: true };
    if (origin === "editor") this.emit({ kind: "echo", host, line, ...result });
    void this.confirm(attemptId, entry);
    return result;
  }

  private async confirm(attemptId: string, entry: SessionEntry): Promise<void> {
    const reply = await this.request({ v: V, type: "attempt.command", attemptId, seq: entry.seq, host: entry.host, line: entry.line });
    if (this.snap.attemptId !== attemptId) return;
    if (!reply.ok || reply.type !== "command") {
      const error = reply.ok ? `unexpected reply ${reply.type}` : reply.error;
      this.emit({ kind: "notice", host: entry.host, text: `server: ${error} (reloading the attempt from the server)`, tone: "error" });
      this.patchEntry(entry.seq, { sync: "failed", serverError: error });
      await this.resync();
      return;
    }
    const server = reply.entry;
    const agrees = server.accepted === entry.accepted && server.changed === entry.changed;
    this.patchEntry(entry.seq, { ...server, sync: agrees ? "confirmed" : "corrected" });
    this.set({ server: reply.verdict, stars: reply.stars });
    if (!agrees) {
      this.emit({ kind: "notice", host: entry.host, text: `server: ${server.accepted ? "accepted" : `refused: ${server.error ?? ""}`} (the server's log wins)`, tone: "warn" });
      this.rebuild();
    }
  }

  private patchEntry(seq: number, patch: Partial<SessionEntry>): void {
    this.set({ log: this.snap.log.map((e) => (e.seq === seq ? { ...e, ...patch } : e)) });
  }

  /** State and local verdict again from the log. */
  private rebuild(): void {
    const { prepared } = this.snap;
    if (!prepared) return;
    const state = replay(prepared, this.snap.log);
    this.set({ state, local: judge(prepared, state), probeRun: this.snap.probeRun + 1 });
  }

  private async resync(): Promise<void> {
    const reply = await this.request({ v: V, type: "attempt.open", levelId: this.levelId });
    if (reply.ok && reply.type === "attempt") this.adopt(reply.attempt);
  }

  async undo(): Promise<void> {
    const { attemptId } = this.snap;
    const target = undoTarget(this.snap.log);
    if (!attemptId || !target) return;
    const reply = await this.request({ v: V, type: "attempt.undo", attemptId });
    if (this.snap.attemptId !== attemptId) return;
    if (!reply.ok || reply.type !== "undo") {
      this.emit({ kind: "notice", host: target.host, text: `undo: ${reply.ok ? `unexpected reply ${reply.type}` : reply.error}`, tone: "error" });
      return;
    }
    const undone = this.snap.log.find((e) => e.seq === reply.undoneSeq);
    this.patchEntry(reply.undoneSeq, { undone: true });
    this.set({ server: reply.verdict });
    this.rebuild();
    if (undone) this.emit({ kind: "notice", host: undone.host, text: `undo: took back "${undone.line.split("\n")[0]}"`, tone: "info" });
  }

  async reset(): Promise<void> {
    const { attemptId } = this.snap;
    if (!attemptId) return;
    const reply = await this.request({ v: V, type: "attempt.reset", attemptId });
    if (reply.ok && reply.type === "attempt") {
      this.emit({ kind: "reset" });
      this.adopt(reply.attempt);
    } else if (!reply.ok) this.set({ error: reply.error });
  }

  async hint(): Promise<void> {
    const { attemptId } = this.snap;
    if (!attemptId) return;
    const reply = await this.request({ v: V, type: "attempt.hint", attemptId });
    if (reply.ok && reply.type === "hint") {
      const hints = [...this.snap.hints];
      hints[reply.index] = reply.text;
      this.set({ hints });
    } else if (!reply.ok) this.set({ error: reply.error });
  }

  async revealSolution(): Promise<void> {
    const { attemptId } = this.snap;
    if (!attemptId) return;
    const reply = await this.request({ v: V, type: "attempt.solution", attemptId });
    if (reply.ok && reply.type === "solution") this.set({ solution: reply.lines, solutionShown: true });
    else if (!reply.ok) this.set({ error: reply.error });
  }

  /** Judge again now (the "Run probes" button): same verdict, a fresh probe run to watch. */
  runProbes(): void {
    const { prepared, state } = this.snap;
    if (!prepared || !state) return;
    this.observed = undefined;
    this.set({ local: judge(prepared, state), probeRun: this.snap.probeRun + 1 });
  }

  dismissError(): void {
    this.set({ error: undefined });
  }
}
