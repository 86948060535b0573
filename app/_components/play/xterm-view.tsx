"use client";
/**
 * One host's terminal: xterm.js with the line editor of app/_lib/line-editor.ts. Lines go to
 * the play session (engine now, server after); `help`, `clear`, `history` and `tcpdump` are
 * answered here (game/terminal-commands.ts). `iptables-restore` typed alone reads the lines
 * after it as its input, up to COMMIT (or Ctrl-D); a pasted block works the same way.
 */
import "@xterm/xterm/css/xterm.css";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { Terminal } from "@xterm/xterm";
import type { CompletionContext } from "@/app/_lib/completion";
import { lazyModule } from "@/app/_lib/lazy-module";
import { LineEditor, splitPaste } from "@/app/_lib/line-editor";
import type { PlaySession, TerminalEvent } from "@/app/_lib/play-session";
import type { TableName } from "@/engine/netfilter/types";
import { clientCommand, helpText, readsStdin } from "@/game/terminal-commands";
import { tabId } from "@/app/_components/tabs";
import { fitAddon } from "./xterm-fit";

const RED = "\x1b[31m";
const YELLOW = "\x1b[33m";
const DIM = "\x1b[90m";
const CYAN = "\x1b[36m";
const OFF = "\x1b[0m";

const THEME = {
  background: "#070c17",
  foreground: "#e6edf7",
  cursor: "#7dd3fc",
  cursorAccent: "#070c17",
  selectionBackground: "#2a3b5e",
  black: "#0b1220",
  red: "#f87171",
  green: "#34d399",
  yellow: "#fbbf24",
  blue: "#7aa7ff",
  magenta: "#f0abfc",
  cyan: "#38bdf8",
  white: "#e6edf7",
  brightBlack: "#8394ad",
  brightRed: "#fca5a5",
  brightGreen: "#6ee7b7",
  brightYellow: "#fde68a",
  brightBlue: "#93c5fd",
  brightMagenta: "#f5d0fe",
  brightCyan: "#7dd3fc",
  brightWhite: "#ffffff",
};

// Fetched the first time they are needed, not with the screen: tcpdump's printer (few players
// run it, and only later on) and Tab completion (the first Tab waits for it, once).
const tcpdumpLib = lazyModule(() => import("@/app/_lib/tcpdump"));
const completionLib = lazyModule(() => import("@/app/_lib/completion"));
type TcpdumpLib = NonNullable<typeof tcpdumpLib.loaded>;
type CompletionLib = NonNullable<typeof completionLib.loaded>;

const promptFor = (host: string) => `\x1b[1;32mroot@${host}\x1b[0m:\x1b[1;34m~\x1b[0m# `;
const crlf = (s: string) => s.replace(/\r?\n/g, "\r\n");

interface Props {
  readonly host: string;
  readonly session: PlaySession;
  readonly active: boolean;
  /** Bumped by the parent to ask for focus (a host clicked on the canvas). */
  readonly focusToken: number;
}

export function XtermView({ host, session, active, focusToken }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | null>(null);
  const fitRef = useRef<{ fit(): void } | null>(null);
  const [spoken, setSpoken] = useState("");
  const activeRef = useRef(active);
  activeRef.current = active;

  // A layout effect: the terminal is opened, and its prompt written, before the screen is first
  // painted, so the browser lays the page out and paints it once instead of twice.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    let disposed = false;
    const term = new Terminal({
      theme: THEME,
      fontFamily: 'ui-monospace, "Cascadia Mono", "DejaVu Sans Mono", "Liberation Mono", Menlo, monospace',
      fontSize: 14,
      lineHeight: 1.15,
      cursorBlink: true,
      convertEol: true,
      scrollback: 5000,
      allowProposedApi: false,
    });
    term.open(el);
    term.textarea?.setAttribute("aria-label", `Terminal on ${host}`);
    term.textarea?.setAttribute("aria-describedby", `term-help-${host}`);
    // Tab completes inside the terminal, so Escape is the way out for keyboard users (no trap):
    // on to the tools beside the terminal, or back to the terminal's tab.
    term.attachCustomKeyEventHandler((e) => {
      if (e.type === "keydown" && e.key === "Escape") {
        const next = document.querySelector<HTMLElement>('[data-after-terminal] [role="tab"][aria-selected="true"]') ?? document.getElementById(tabId("term", host));
        next?.focus();
        return false;
      }
      return true;
    });
    termRef.current = term;
    const editor = new LineEditor(promptFor(host), term.cols);
    let stdin: { command: string; lines: string[] } | undefined;
    const say = (text: string) => setSpoken(text.slice(-2000));

    const completionContext = (): CompletionContext => {
      const h = session.snapshot().state?.hosts[host];
      const links = h?.links ?? [];
      const chains = (t: TableName) => h?.netfilter[t].chains.map((c) => c.name) ?? [];
      return { devices: links.map((l) => l.name), bridges: links.filter((l) => l.kind === "bridge").map((l) => l.name), chains: { filter: chains("filter"), nat: chains("nat"), mangle: chains("mangle"), raw: chains("raw") } };
    };
    const enableCompletion = ({ applyCompletion }: CompletionLib) => {
      editor.completer = (line, cursor) => applyCompletion(line, cursor, completionContext());
    };
    if (completionLib.loaded) enableCompletion(completionLib.loaded);

    const print = (text: string, color?: string) => {
      if (text === "") return;
      const body = crlf(text.endsWith("\n") ? text : `${text}\n`);
      term.write(color ? `${color}${body}${OFF}` : body);
    };
    const prompt = () => {
      editor.prompt = stdin ? "> " : promptFor(host);
      term.write(editor.promptText());
    };
    /** Prints in place of the prompt line, then draws the prompt (and what was typed on it) again. */
    const above = (text: string, color?: string) => {
      if (disposed) return;
      term.write(editor.eraseLine());
      print(text, color);
      prompt();
    };

    const runEngine = (line: string) => {
      const r = session.run(host, line);
      print(r.text, r.isError ? RED : undefined);
      say(`${line.split("\n")[0]}\n${r.text}`);
    };

    const runLine = (line: string) => {
      if (stdin) {
        stdin.lines.push(line);
        if (line.trim() === "COMMIT") {
          const text = [stdin.command, ...stdin.lines].join("\n");
          stdin = undefined;
          runEngine(text);
        }
        return;
      }
      if (line.trim() === "") return;
      const client = clientCommand(line);
      if (client) {
        switch (client.kind) {
          case "help":
            print(helpText(), CYAN);
            say(helpText());
            return;
          case "clear":
            term.write("\x1b[H\x1b[2J\x1b[3J");
            return;
          case "history":
            print(editor.history.map((h, i) => `${String(i + 1).padStart(5)}  ${h}`).join("\n"));
            return;
          case "comment":
            return;
          case "tcpdump": {
            // What the probes saw now, printed once the printer is here (at once after the first time).
            const run = session.observedRun();
            const h = run?.state.hosts[host];
            if (!run || !h) return print("tcpdump: not connected yet", RED);
            const argv = client.argv;
            const show = ({ tcpdump, capturesFrom }: TcpdumpLib, out: typeof print) => {
              const r = tcpdump(argv, h, capturesFrom(run.probes.map((p) => p.trace)), true);
              out(r.ok ? r.output : r.error, r.ok ? undefined : RED);
              say(r.ok ? r.output : r.error);
            };
            if (tcpdumpLib.loaded) return show(tcpdumpLib.loaded, print);
            void tcpdumpLib.load().then(
              (lib) => show(lib, above),
              () => above("tcpdump: could not be loaded; check the connection and try again", RED),
            );
            return;
          }
        }
      }
      if (readsStdin(line)) {
        stdin = { command: line.trim(), lines: [] };
        print("(reading the ruleset from standard input: end it with COMMIT, or Ctrl-D; Ctrl-C cancels)", DIM);
        return;
      }
      runEngine(line);
    };

    const onEvent = (e: TerminalEvent) => {
      if (e.kind === "reset") {
        stdin = undefined;
        term.write("\x1b[H\x1b[2J\x1b[3J");
        print("The level was reset: every host is back at its start state.", YELLOW);
        prompt();
        return;
      }
      if (e.host !== host) return;
      term.write(editor.eraseLine());
      if (e.kind === "echo") {
        term.write(promptFor(host) + crlf(e.line).replace(/\r\n/g, "\r\n> ") + "\r\n");
        print(e.text, e.isError ? RED : undefined);
        say(`${e.line.split("\n")[0]}\n${e.text}`);
      } else {
        print(e.text, e.tone === "error" ? RED : e.tone === "warn" ? YELLOW : DIM);
        say(e.text);
      }
      prompt();
    };
    const offEvents = session.onTerminal(onEvent);

    const data = term.onData(function onChunk(chunk) {
      if (!editor.completer && chunk.includes("\t")) {
        // The first Tab: complete once completion is here, if the line is still as it was.
        const [line, at] = [editor.buffer, editor.cursor];
        completionLib.load().then(
          (lib) => {
            if (disposed) return;
            enableCompletion(lib);
            if (editor.buffer === line && editor.cursor === at) onChunk("\t");
          },
          () => {
            /* no completion this time: the next Tab tries again */
          },
        );
      }
      const r = editor.feed(chunk);
      if (r.write) term.write(r.write);
      for (const ev of r.events) {
        switch (ev.kind) {
          case "submit":
            runLine(ev.line);
            prompt();
            break;
          case "paste": {
            const { commands, rest } = splitPaste(ev.text);
            for (const command of commands) {
              term.write(promptFor(host) + crlf(command).replace(/\r\n/g, "\r\n> ") + "\r\n");
              editor.history.push(command.split("\n")[0]!);
              runLine(command);
            }
            editor.buffer = rest;
            editor.cursor = rest.length;
            prompt();
            break;
          }
          case "interrupt":
            stdin = undefined;
            prompt();
            break;
          case "eof":
            if (stdin) {
              const text = [stdin.command, ...stdin.lines].join("\n");
              stdin = undefined;
              term.write("\r\n");
              runEngine(text);
              prompt();
            }
            break;
          case "clear-screen":
            term.write("\x1b[H\x1b[2J\x1b[3J");
            prompt();
            break;
        }
      }
    });
    const resize = term.onResize(({ cols }) => (editor.cols = cols));
    // Bracketed paste: the terminal marks a paste, so a pasted block is told apart from typing.
    term.write("\x1b[?2004h");
    print(`root on ${host}. help lists the commands; Tab completes; Up/Down recalls; Esc leaves the terminal.`, DIM);
    prompt();
    const fitToBox = () => {
      try {
        if (el.offsetParent !== null) fitRef.current?.fit();
      } catch {
        /* not laid out */
      }
    };
    const attachFit = ({ FitAddon }: NonNullable<typeof fitAddon.loaded>) => {
      if (disposed) return;
      const fit = new FitAddon();
      term.loadAddon(fit);
      fitRef.current = fit;
      fitToBox();
    };
    if (fitAddon.loaded) attachFit(fitAddon.loaded);
    else
      fitAddon.load().then(attachFit, () => {
        /* the terminal keeps xterm's default size */
      });
    const observer = new ResizeObserver(fitToBox);
    observer.observe(el);
    if (activeRef.current) term.focus();
    return () => {
      disposed = true;
      observer.disconnect();
      offEvents();
      data.dispose();
      resize.dispose();
      term.dispose();
      termRef.current = null;
      fitRef.current = null;
    };
  }, [host, session]);

  useEffect(() => {
    if (!active) return;
    const id = requestAnimationFrame(() => {
      try {
        fitRef.current?.fit();
      } catch {
        /* not laid out */
      }
      termRef.current?.focus();
    });
    return () => cancelAnimationFrame(id);
  }, [active, focusToken]);

  return (
    <div className="flex h-full min-h-0 flex-col" data-testid={`terminal-${host}`}>
      <div ref={box} className="xterm-host min-h-0 flex-1 bg-ink-950" />
      <p id={`term-help-${host}`} className="sr-only">
        A shell on {host}. Type a command and press Enter. Tab completes, Up and Down recall earlier commands, Escape leaves the terminal.
      </p>
      <div className="sr-only" role="log" aria-live="polite" aria-label={`Last output on ${host}`}>
        {spoken}
      </div>
    </div>
  );
}
