"use client";
/**
 * The play screen in the browser: connects to the server, opens the attempt, runs the engine
 * on the level it gets back, and lays out the canvas, terminals, goals, trace and editors.
 * This file is the screen's wiring; every part lives in its own component.
 */
// First: starts fetching xterm.js and opening the attempt before the rest of this code is evaluated.
import "./early-start";
import { lazy, Suspense, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { eventText } from "@/engine/walk/trace-text";
import { PlaySession, type SessionSnapshot, type Transport } from "@/app/_lib/play-session";
import { lateTransport } from "@/app/_lib/late-transport";
import type { AttemptView } from "@/game/protocol";
import { serviceVips } from "@/app/_lib/service-vips";
import { layoutTopology } from "@/app/_lib/topology-layout";
import { probeByKey, probeChoices, stepSpot } from "@/app/_lib/trace-geometry";
import { Markdown } from "@/app/_components/markdown";
import { panelId, tabId, TabList } from "@/app/_components/tabs";
import { NavLink } from "@/app/_components/nav-link";
import { connectTransport } from "./socket-transport";
import { TopologyCanvas } from "./topology-canvas";
import { TerminalPanel } from "./terminal-panel";
import { GoalsPanel } from "./goals-panel";
import { TracePanel } from "./trace-panel";
import { useTracePlayer } from "./use-trace-player";
import { PlayHeader } from "./play-header";

/**
 * For the class screens (app/_components/class/class-link.ts): through here, socket.io-client
 * has no importer outside the play screen's modules, which Turbopack then merges into one.
 */
export { io } from "socket.io-client";

// The editors and the command log load when their tab is first opened: the terminal, canvas and trace come first.
const EditorsPanel = lazy(() => import("./editors/editors-panel").then((m) => ({ default: m.EditorsPanel })));
// Shown only once asked for (a hint, the solution) or earned (success): fetched then.
const HintsList = lazy(() => import("./help-panels").then((m) => ({ default: m.HintsList })));
const SolutionList = lazy(() => import("./help-panels").then((m) => ({ default: m.SolutionList })));
const SuccessPanel = lazy(() => import("./help-panels").then((m) => ({ default: m.SuccessPanel })));
const CommandLog = lazy(() => import("./command-log").then((m) => ({ default: m.CommandLog })));

export interface PlayClientProps {
  readonly levelId: string;
  readonly title: string;
  readonly meta: ReactNode;
  /** The briefing rendered on the server, when it does not depend on the attempt's seed. */
  readonly briefing?: ReactNode;
  readonly next?: { readonly id: string; readonly title: string };
  /** The player's attempt, opened by the page's server render: the screen starts from it without waiting for the socket. */
  readonly initial?: AttemptView;
  /** How to reach the server (the classroom's student socket); the plain play socket by default. */
  readonly connect?: (onConnected: (connected: boolean) => void) => { transport: Transport; close: () => void };
  /** Above the screen (the classroom's bar). */
  readonly bar?: ReactNode;
  /** While set, nothing may change the attempt: terminals take no input, and this note shows over them. */
  readonly frozen?: ReactNode;
  /** Where "Levels" leads. */
  readonly home?: string;
}

/**
 * The screen's session, made on its first render: with the page's attempt it is ready at once,
 * so the server renders the whole screen and the browser hydrates it. The socket is connected
 * once the screen is in the browser.
 */
function useSession(levelId: string, connect: PlayClientProps["connect"], initial: AttemptView | undefined): { session: PlaySession; connected: boolean } {
  const [{ session, link }] = useState(() => {
    const link = lateTransport();
    return { link, session: new PlaySession(link.transport, levelId, initial?.levelId === levelId ? initial : undefined) };
  });
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const { transport, close } = (connect ?? connectTransport)(setConnected);
    link.bind(transport);
    void session.start();
    return () => {
      link.bind(undefined);
      close();
    };
    // `connect` is fixed for the screen's life: not a dependency. (As a default parameter,
    // `connect = connectTransport`, the minifier inlined connectTransport as a function
    // expression, a new function on every render, and the effect reconnected forever.)
  }, [session, link]);
  return { session, connected };
}

type RightTab = "trace" | "edit" | "log";

/** One screen per level: another level (the next one, say) starts afresh, with its own session. */
export function PlayClient(props: PlayClientProps) {
  return <PlayScreen key={props.levelId} {...props} />;
}

function PlayScreen({ levelId, title, meta, briefing, next, initial, connect, bar, frozen, home = "/play" }: PlayClientProps) {
  const { session, connected } = useSession(levelId, connect, initial);
  const snap: SessionSnapshot = useSyncExternalStore(session.subscribe, session.snapshot, session.snapshot);
  const { send, player } = useTracePlayer();
  const [activeHost, setActiveHost] = useState<string>();
  const [readOnlyOpen, setReadOnlyOpen] = useState<string[]>([]);
  const [focusToken, setFocusToken] = useState(0);
  const [rightTab, setRightTab] = useState<RightTab>("trace");
  const [probeKey, setProbeKey] = useState<string>();

  const { level, state, local } = snap;
  const editable = useMemo(() => level?.editable ?? [], [level]);
  const host = activeHost ?? editable[0];

  const layout = useMemo(() => (state && level ? layoutTopology(state, { editable, vips: serviceVips(state, level) }) : undefined), [state, level, editable]);

  // The probe shown in the trace panel: the first failing one until the student picks another.
  const choices = useMemo(() => (local ? probeChoices(local) : []), [local]);
  const key = probeKey && choices.some((c) => c.key === probeKey) ? probeKey : (choices.find((c) => !c.ok) ?? choices[0])?.key;
  const trace = useMemo(() => (local ? (probeByKey(local, key)?.shown.trace ?? []) : []), [local, key]);
  // A new trace (another probe, or the same probe after a change) starts the player over.
  const autoplay = useRef(false);
  useEffect(() => {
    send({ type: "LOAD", total: trace.length });
    if (autoplay.current) send({ type: "PLAY" });
    autoplay.current = false;
  }, [send, trace]);

  const packet = useMemo(() => {
    const e = player.index >= 0 ? trace[player.index] : undefined;
    const spot = e && layout ? stepSpot(layout, e) : undefined;
    return spot && e ? { ...spot, caption: `${player.index + 1}/${trace.length}  ${eventText(e)}` } : undefined;
  }, [player.index, trace, layout]);

  const selectHost = (name: string) => {
    if (!editable.includes(name) && !readOnlyOpen.includes(name)) setReadOnlyOpen([...readOnlyOpen, name]);
    setActiveHost(name);
    setFocusToken((t) => t + 1);
  };
  const watch = (goalId: string) => {
    const c = choices.find((x) => x.goalId === goalId && !x.ok) ?? choices.find((x) => x.goalId === goalId);
    if (!c) return;
    setRightTab("trace");
    if (c.key === key) {
      send({ type: "LOAD", total: trace.length });
      send({ type: "PLAY" });
    } else {
      autoplay.current = true;
      setProbeKey(c.key);
    }
  };
  const runProbes = () => {
    autoplay.current = true;
    session.runProbes();
  };

  if (snap.status !== "ready" || !level || !state || !local || !layout || !host) {
    return (
      <div className="flex min-h-screen flex-col">
        {bar}
        <PlayHeader title={title} meta={meta} connected={connected} home={home} />
        <main className="mx-auto max-w-2xl p-8">
          {snap.status === "error" ? (
            <div role="alert" className="rounded border border-bad/60 bg-bad/10 p-4">
              <p className="font-semibold text-bad">This level could not be opened.</p>
              <p className="mt-1 text-sm text-fg">{snap.error}</p>
              <button type="button" className="btn mt-3" onClick={() => void session.open()}>
                Try again
              </button>
            </div>
          ) : (
            <p className="text-muted" role="status">
              Connecting to the PodPath server and preparing the cluster…
            </p>
          )}
          {briefing ? <div className="mt-6 text-sm leading-relaxed text-fg">{briefing}</div> : null}
        </main>
      </div>
    );
  }

  const solved = snap.server?.solved === true && snap.inFlight === 0;
  const nextLink = next ? (
    <NavLink href={`/play/${next.id}`} className="btn btn-primary whitespace-normal text-left no-underline">
      Next level: {next.title} →
    </NavLink>
  ) : (
    <NavLink href={home} className="btn btn-primary no-underline">
      Back to the levels
    </NavLink>
  );

  return (
    <div className="flex min-h-screen flex-col lg:h-screen lg:min-h-0 lg:overflow-hidden">
      {bar}
      <PlayHeader title={title} meta={meta} connected={connected} snap={snap} session={session} next={next} home={home} frozen={!!frozen} />
      {snap.error ? (
        <div role="alert" className="flex items-center justify-between gap-3 border-b border-bad/50 bg-bad/10 px-4 py-1 text-sm">
          <span>
            <span className="font-semibold text-bad">Server:</span> {snap.error}
          </span>
          <button type="button" className="btn btn-small" onClick={() => session.dismissError()}>
            Dismiss
          </button>
        </div>
      ) : null}
      <div className="grid min-h-0 flex-1 grid-cols-1 lg:grid-cols-[minmax(270px,300px)_minmax(0,1fr)]">
        <aside className="flex min-h-0 flex-col border-r border-ink-700 bg-ink-900" aria-label="Level">
          {solved ? (
            <div className="flex max-h-[55%] min-h-0 shrink-0 flex-col p-3 pb-0">
              <Suspense fallback={null}>
                <SuccessPanel text={level.success.en} stars={snap.stars} next={nextLink} />
              </Suspense>
            </div>
          ) : null}
          <section aria-labelledby="briefing-title" className={`shrink-0 overflow-y-auto border-b border-ink-700 p-3 ${solved ? "max-h-[22%]" : "max-h-[46%]"}`} tabIndex={0}>
            <h2 id="briefing-title" className="panel-title">
              Briefing
            </h2>
            <Markdown text={level.briefing.en} className="mt-1.5 text-[0.9rem] leading-relaxed text-fg" />
            <p className="mt-2 text-xs text-muted">
              You can type on: <span className="font-mono text-accent-strong">{editable.join(", ")}</span>
            </p>
          </section>
          <div className="min-h-0 flex-1 overflow-y-auto p-3" tabIndex={0} aria-label="Goals and hints">
            {local.solved && !solved ? (
              <p role="status" className="mb-2 rounded border border-ok/40 p-2 text-sm text-ok">
                Every goal passes here. Waiting for the server to confirm…
              </p>
            ) : null}
            <GoalsPanel local={local} server={snap.server} pending={snap.inFlight > 0} onWatch={watch} />
            <Suspense fallback={null}>
              {snap.hints.length > 0 ? <HintsList hints={snap.hints} hintCount={snap.hintCount} /> : null}
              {snap.solution ? (
                <SolutionList
                  lines={snap.solution}
                  onType={(h, line) => {
                    if (editable.includes(h)) setActiveHost(h);
                    if (!frozen) session.run(h, line, "editor");
                  }}
                />
              ) : null}
            </Suspense>
          </div>
        </aside>
        <main className="grid min-h-0 grid-rows-[minmax(260px,44%)_minmax(320px,1fr)]" aria-label="Cluster">
          <div className="relative min-h-0 border-b border-ink-700 bg-[radial-gradient(ellipse_at_top,_#101a30,_#070c17)]">
            <h2 className="sr-only">Topology</h2>
            <TopologyCanvas
              layout={layout}
              selectedHost={host}
              onSelectHost={selectHost}
              onAttach={(h, dev, bridge) => {
                if (!frozen) session.run(h, bridge ? `ip link set ${dev} master ${bridge}` : `ip link set ${dev} nomaster`, "editor");
              }}
              packet={packet}
              footer={<Legend />}
            />
          </div>
          <div className="grid min-h-0 grid-cols-1 md:grid-cols-[minmax(0,1fr)_minmax(330px,40%)]">
            <div className="min-h-[300px] border-r border-ink-700 md:min-h-0">
              <TerminalPanel
                session={session}
                editable={editable}
                readOnlyOpen={readOnlyOpen}
                active={host}
                onActivate={(h) => {
                  setActiveHost(h);
                  setFocusToken((t) => t + 1);
                }}
                onClose={(h) => {
                  setReadOnlyOpen(readOnlyOpen.filter((x) => x !== h));
                  setActiveHost(editable[0]);
                }}
                focusToken={focusToken}
                frozen={frozen}
              />
            </div>
            <section className="flex min-h-[320px] flex-col bg-ink-900 md:min-h-0" aria-label="Trace, editors and log" data-after-terminal>
              <TabList
                label="Tools"
                prefix="tools"
                value={rightTab}
                onChange={setRightTab}
                className="border-b border-ink-600 px-2 pt-1"
                tabs={[
                  { id: "trace", label: "Trace" },
                  { id: "edit", label: "Editors" },
                  { id: "log", label: `Log (${snap.log.length})`, name: "Command log" },
                ]}
              />
              <div role="tabpanel" id={panelId("tools", rightTab)} aria-labelledby={tabId("tools", rightTab)} className="min-h-0 flex-1">
                {rightTab === "trace" ? <TracePanel verdict={local} choice={key} onChoose={setProbeKey} player={player} send={send} onRunProbes={runProbes} /> : null}
                {rightTab === "edit" ? (
                  <Suspense fallback={<p className="p-3 text-sm text-faint">Loading the editors…</p>}>
                    <fieldset disabled={!!frozen} className="contents">
                      <EditorsPanel state={state} editable={editable} host={host} onHost={(h) => setActiveHost(h)} run={(h, line) => session.run(h, line, "editor")} />
                    </fieldset>
                  </Suspense>
                ) : null}
                {rightTab === "log" ? (
                  <Suspense fallback={<p className="p-3 text-sm text-faint">Loading the log…</p>}>
                    <CommandLog log={snap.log} />
                  </Suspense>
                ) : null}
              </div>
            </section>
          </div>
        </main>
      </div>
      {solved ? null : <p className="sr-only" aria-live="polite">{`${local.passed} of ${local.total} goals pass`}</p>}
    </div>
  );
}

function Legend() {
  return (
    <ul className="flex shrink-0 gap-3 text-[0.7rem] text-muted" aria-label="Legend">
      <li>
        <span className="font-semibold text-accent-strong">name</span> you type here
      </li>
      <li>
        <span className="text-ok" aria-hidden="true">●</span> up
      </li>
      <li>
        <span className="text-bad" aria-hidden="true">○</span> down
      </li>
      <li>
        <span className="text-accent" aria-hidden="true">▬</span> bridge
      </li>
      <li>
        <span className="text-tunnel" aria-hidden="true">┅</span> VXLAN
      </li>
      <li>
        <span className="text-vip" aria-hidden="true">⬚</span> Service VIP
      </li>
    </ul>
  );
}
