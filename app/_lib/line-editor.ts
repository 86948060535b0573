/**
 * A readline for xterm.js: the line being typed, its cursor, history, Tab completion and
 * pastes. Pure: `feed(data)` takes what xterm's onData delivered and returns what to write
 * back to the terminal and what the user submitted; the screen is redrawn with ANSI cursor
 * moves that survive lines wrapping at the terminal's width.
 */
import type { CompletionEdit } from "./completion";

export type EditorEvent =
  | { readonly kind: "submit"; readonly line: string }
  /** Several lines pasted at once (the text as pasted, typed-but-unsent input in front). */
  | { readonly kind: "paste"; readonly text: string }
  | { readonly kind: "interrupt" }
  | { readonly kind: "eof" }
  | { readonly kind: "clear-screen" };

export interface FeedResult {
  readonly write: string;
  readonly events: readonly EditorEvent[];
}

const PASTE_START = "\x1b[200~";
const PASTE_END = "\x1b[201~";
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

export function visibleLength(s: string): number {
  return s.replace(ANSI, "").length;
}

export class LineEditor {
  buffer = "";
  cursor = 0;
  prompt: string;
  cols: number;
  readonly history: string[] = [];
  private historyAt: number | undefined;
  private draft = "";
  /** Row of the cursor within the drawn prompt + line, as last drawn. */
  private cursorRow = 0;
  private pasting: string | undefined;
  completer: ((line: string, cursor: number) => CompletionEdit) | undefined;

  constructor(prompt: string, cols = 80) {
    this.prompt = prompt;
    this.cols = Math.max(10, cols);
  }

  /** The prompt and line drawn fresh (after output was printed). */
  promptText(): string {
    this.cursorRow = 0;
    return this.render();
  }

  feed(data: string): FeedResult {
    let write = "";
    const events: EditorEvent[] = [];
    let rest = data;
    while (rest.length > 0) {
      if (this.pasting !== undefined) {
        const end = rest.indexOf(PASTE_END);
        if (end < 0) {
          this.pasting += rest;
          return { write, events };
        }
        this.pasting += rest.slice(0, end);
        rest = rest.slice(end + PASTE_END.length);
        const text = this.pasting;
        this.pasting = undefined;
        write += this.paste(text, events);
        continue;
      }
      if (rest.startsWith(PASTE_START)) {
        this.pasting = "";
        rest = rest.slice(PASTE_START.length);
        continue;
      }
      // Several characters with a line break in one chunk: a paste without bracketed paste mode.
      if (rest.length > 1 && /[\r\n]/.test(rest) && !rest.startsWith("\x1b")) {
        write += this.paste(rest, events);
        break;
      }
      const seq = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Z]|.)?/.exec(rest);
      const key = seq ? seq[0] : rest[0]!;
      rest = rest.slice(key.length);
      write += this.key(key, events);
    }
    return { write, events };
  }

  private paste(raw: string, events: EditorEvent[]): string {
    const text = raw.replace(/\r\n?/g, "\n");
    if (!text.includes("\n")) return this.insert(text.replace(/\t/g, " "));
    const whole = this.buffer.slice(0, this.cursor) + text + this.buffer.slice(this.cursor);
    this.historyAt = undefined;
    events.push({ kind: "paste", text: whole });
    const erase = this.eraseLine();
    this.buffer = "";
    this.cursor = 0;
    return erase;
  }

  /** Erases the prompt and line as drawn (to print something in their place, then promptText()). */
  eraseLine(): string {
    const up = this.cursorRow > 0 ? `\x1b[${this.cursorRow}A` : "";
    this.cursorRow = 0;
    return `${up}\r\x1b[J`;
  }

  private key(k: string, events: EditorEvent[]): string {
    switch (k) {
      case "\r":
      case "\n": {
        const line = this.buffer;
        const out = this.endOfLine() + "\r\n";
        this.buffer = "";
        this.cursor = 0;
        this.cursorRow = 0;
        this.historyAt = undefined;
        if (line.trim() !== "" && this.history[this.history.length - 1] !== line) this.history.push(line);
        events.push({ kind: "submit", line });
        return out;
      }
      case "\x7f":
      case "\b":
        if (this.cursor === 0) return "";
        this.buffer = this.buffer.slice(0, this.cursor - 1) + this.buffer.slice(this.cursor);
        this.cursor--;
        return this.redraw();
      case "\x1b[3~":
        if (this.cursor >= this.buffer.length) return "";
        this.buffer = this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1);
        return this.redraw();
      case "\x1b[D":
      case "\x02":
        return this.moveTo(this.cursor - 1);
      case "\x1b[C":
      case "\x06":
        return this.moveTo(this.cursor + 1);
      case "\x1b[H":
      case "\x1bOH":
      case "\x1b[1~":
      case "\x01":
        return this.moveTo(0);
      case "\x1b[F":
      case "\x1bOF":
      case "\x1b[4~":
      case "\x05":
        return this.moveTo(this.buffer.length);
      case "\x1b[1;5D":
      case "\x1bb":
        return this.moveTo(wordStart(this.buffer, this.cursor));
      case "\x1b[1;5C":
      case "\x1bf":
        return this.moveTo(wordEnd(this.buffer, this.cursor));
      case "\x1b[A":
      case "\x10":
        return this.historyStep(-1);
      case "\x1b[B":
      case "\x0e":
        return this.historyStep(1);
      case "\x15":
        this.buffer = this.buffer.slice(this.cursor);
        this.cursor = 0;
        return this.redraw();
      case "\x0b":
        this.buffer = this.buffer.slice(0, this.cursor);
        return this.redraw();
      case "\x17": {
        const at = wordStart(this.buffer, this.cursor);
        this.buffer = this.buffer.slice(0, at) + this.buffer.slice(this.cursor);
        this.cursor = at;
        return this.redraw();
      }
      case "\x03": {
        const out = this.endOfLine() + "^C\r\n";
        this.buffer = "";
        this.cursor = 0;
        this.cursorRow = 0;
        this.historyAt = undefined;
        events.push({ kind: "interrupt" });
        return out;
      }
      case "\x04":
        if (this.buffer !== "") return this.key("\x1b[3~", events);
        events.push({ kind: "eof" });
        return "";
      case "\x0c":
        events.push({ kind: "clear-screen" });
        return "";
      case "\t":
        return this.tab();
      default:
        if (k.startsWith("\x1b") || k < " ") return "";
        return this.insert(k);
    }
  }

  private insert(text: string): string {
    const clean = text.replace(/[\x00-\x1f\x7f]/g, "");
    if (!clean) return "";
    this.buffer = this.buffer.slice(0, this.cursor) + clean + this.buffer.slice(this.cursor);
    this.cursor += clean.length;
    return this.redraw();
  }

  private tab(): string {
    if (!this.completer) return "";
    const edit = this.completer(this.buffer, this.cursor);
    if (edit.list && edit.list.length > 0) {
      const width = Math.max(...edit.list.map((s) => s.length)) + 2;
      const perRow = Math.max(1, Math.floor(this.cols / width));
      const rows: string[] = [];
      for (let i = 0; i < edit.list.length; i += perRow) rows.push(edit.list.slice(i, i + perRow).map((s) => s.padEnd(width)).join("").trimEnd());
      const out = this.endOfLine() + "\r\n" + rows.join("\r\n") + "\r\n";
      this.cursorRow = 0;
      return out + this.render();
    }
    if (edit.line === this.buffer && edit.cursor === this.cursor) return "\x07";
    this.buffer = edit.line;
    this.cursor = edit.cursor;
    return this.redraw();
  }

  private historyStep(dir: -1 | 1): string {
    if (this.history.length === 0) return "";
    if (this.historyAt === undefined) {
      if (dir === 1) return "";
      this.draft = this.buffer;
      this.historyAt = this.history.length - 1;
    } else {
      const next = this.historyAt + dir;
      if (next < 0) return "";
      if (next >= this.history.length) {
        this.historyAt = undefined;
        this.buffer = this.draft;
        this.cursor = this.buffer.length;
        return this.redraw();
      }
      this.historyAt = next;
    }
    this.buffer = this.history[this.historyAt]!;
    this.cursor = this.buffer.length;
    return this.redraw();
  }

  private moveTo(at: number): string {
    const next = Math.max(0, Math.min(this.buffer.length, at));
    if (next === this.cursor) return "";
    this.cursor = next;
    return this.redraw();
  }

  /** Back to the start of the prompt, then prompt + line, then the cursor where it belongs. */
  private redraw(): string {
    const up = this.cursorRow > 0 ? `\x1b[${this.cursorRow}A` : "";
    return `${up}\r${this.render()}`;
  }

  private render(): string {
    const p = visibleLength(this.prompt);
    const total = p + this.buffer.length;
    const endRow = total > 0 && total % this.cols === 0 ? total / this.cols - 1 : Math.floor(total / this.cols);
    const target = p + this.cursor;
    const targetRow = Math.floor(target / this.cols);
    const targetCol = target % this.cols;
    let out = `${this.prompt}${this.buffer}\x1b[J`;
    if (targetRow > endRow) out += "\r\n";
    else {
      if (endRow > targetRow) out += `\x1b[${endRow - targetRow}A`;
      out += "\r";
      if (targetCol > 0) out += `\x1b[${targetCol}C`;
    }
    this.cursorRow = targetRow;
    return out;
  }

  /** Moves the cursor to the end of the drawn line (before a line break is written). */
  private endOfLine(): string {
    const p = visibleLength(this.prompt);
    const total = p + this.buffer.length;
    const endRow = total > 0 && total % this.cols === 0 ? total / this.cols - 1 : Math.floor(total / this.cols);
    const down = endRow - this.cursorRow;
    const col = total - endRow * this.cols;
    this.cursorRow = endRow;
    return `${down > 0 ? `\x1b[${down}B` : ""}\r${col > 0 ? `\x1b[${col}C` : ""}`;
  }
}

function wordStart(s: string, at: number): number {
  let i = at;
  while (i > 0 && s[i - 1] === " ") i--;
  while (i > 0 && s[i - 1] !== " ") i--;
  return i;
}

function wordEnd(s: string, at: number): number {
  let i = at;
  while (i < s.length && s[i] === " ") i++;
  while (i < s.length && s[i] !== " ") i++;
  return i;
}

/**
 * A paste as command texts: one per line, except that `iptables-restore` takes the lines after
 * it as its standard input, up to a `COMMIT` not followed by another table (`*nat`), or to the
 * end of the paste; `iptables-restore <<EOF` reads up to the line `EOF`. Returns the commands
 * and what is left unfinished on the last line (it stays in the input line).
 */
export function splitPaste(text: string): { commands: string[]; rest: string } {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const endsWithNewline = text.endsWith("\n") || text.endsWith("\r");
  if (endsWithNewline) lines.pop();
  const commands: string[] = [];
  let rest = "";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const last = i === lines.length - 1;
    if (line.trim() === "") continue;
    const heredoc = /^\s*iptables-restore\b(.*?)\s*<<-?\s*['"]?(\w+)['"]?\s*$/.exec(line);
    if (heredoc) {
      const input: string[] = [];
      let j = i + 1;
      while (j < lines.length && lines[j]!.trim() !== heredoc[2]) input.push(lines[j++]!);
      commands.push([`iptables-restore${heredoc[1]}`.trimEnd(), ...input].join("\n"));
      i = j;
      continue;
    }
    if (/^\s*iptables-restore\b/.test(line) && !last) {
      const input: string[] = [];
      let j = i + 1;
      for (; j < lines.length; j++) {
        const l = lines[j]!;
        input.push(l);
        if (l.trim() === "COMMIT") {
          const next = lines.slice(j + 1).find((x) => x.trim() !== "" && !x.trim().startsWith("#"));
          if (next === undefined || !next.trim().startsWith("*")) break;
        }
      }
      commands.push([line.trimEnd(), ...input].join("\n"));
      i = j;
      continue;
    }
    if (last && !endsWithNewline) rest = line;
    else commands.push(line);
  }
  return { commands, rest };
}
