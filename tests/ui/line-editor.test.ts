import { describe, expect, it } from "vitest";
import { LineEditor, splitPaste, visibleLength } from "../../app/_lib/line-editor";

const PROMPT = "\x1b[1;32mroot@node1\x1b[0m:~# ";
function typed(editor: LineEditor, ...chunks: string[]) {
  const events = chunks.flatMap((c) => editor.feed(c).events);
  return events;
}

describe("line editor", () => {
  it("submits what was typed on Enter and remembers it", () => {
    const e = new LineEditor(PROMPT, 80);
    const events = typed(e, ..."ip route".split(""), "\r");
    expect(events).toEqual([{ kind: "submit", line: "ip route" }]);
    expect(e.history).toEqual(["ip route"]);
    expect(e.buffer).toBe("");
  });

  it("edits in the middle: arrows, backspace, delete, home and end", () => {
    const e = new LineEditor(PROMPT, 80);
    typed(e, "ip rute", "\x1b[D", "\x1b[D", "\x1b[D", "o");
    expect(e.buffer).toBe("ip route");
    typed(e, "\x01", "\x1b[3~", "\x1b[3~", "\x05", "\x7f");
    expect(e.buffer).toBe(" rout");
    expect(typed(e, "\x15", "x", "\r")).toEqual([{ kind: "submit", line: "x" }]);
  });

  it("recalls history with Up and Down, keeping the draft", () => {
    const e = new LineEditor(PROMPT, 80);
    typed(e, ..."one\rtwo\rdra".split(""));
    typed(e, "\x1b[A");
    expect(e.buffer).toBe("two");
    typed(e, "\x1b[A", "\x1b[A");
    expect(e.buffer).toBe("one");
    typed(e, "\x1b[B", "\x1b[B");
    expect(e.buffer).toBe("dra");
  });

  it("Ctrl-C abandons the line, Ctrl-D on an empty line is end of input, Ctrl-L clears", () => {
    const e = new LineEditor(PROMPT, 80);
    expect(typed(e, "abc", "\x03")).toEqual([{ kind: "interrupt" }]);
    expect(e.buffer).toBe("");
    expect(typed(e, "\x04")).toEqual([{ kind: "eof" }]);
    expect(typed(e, "\x0c")).toEqual([{ kind: "clear-screen" }]);
  });

  it("completes with Tab through the completer", () => {
    const e = new LineEditor(PROMPT, 80);
    e.completer = (line) => ({ line: line === "ip ro" ? "ip route " : line, cursor: 9 });
    typed(e, "ip ro", "\t");
    expect(e.buffer).toBe("ip route ");
    expect(e.cursor).toBe(9);
  });

  it("treats a bracketed paste with line breaks as one paste, with the unsent input in front", () => {
    const e = new LineEditor(PROMPT, 80);
    typed(e, "ip ");
    const events = typed(e, "\x1b[200~route\nip link\n\x1b[201~");
    expect(events).toEqual([{ kind: "paste", text: "ip route\nip link\n" }]);
    expect(e.buffer).toBe("");
  });

  it("takes a multi-line chunk without paste markers as a paste, and a one-line paste as typing", () => {
    const e = new LineEditor(PROMPT, 80);
    expect(typed(e, "a\rb\r")).toEqual([{ kind: "paste", text: "a\nb\n" }]);
    expect(typed(e, "\x1b[200~ip route\x1b[201~")).toEqual([]);
    expect(e.buffer).toBe("ip route");
  });

  it("redraws a line longer than the terminal without losing the cursor row", () => {
    const e = new LineEditor("$ ", 10);
    const out = e.feed("0123456789abcdef").write;
    // 18 characters on 10 columns: the last redraw starts by going up one row
    expect(out).toContain("\x1b[1A\r$ 0123456789abcdef");
    expect(visibleLength(PROMPT)).toBe("root@node1:~# ".length);
  });
});

describe("splitting a paste into commands", () => {
  it("runs one command per line and leaves an unfinished last line in the input", () => {
    expect(splitPaste("ip route\nip link\n")).toEqual({ commands: ["ip route", "ip link"], rest: "" });
    expect(splitPaste("ip route\nip li")).toEqual({ commands: ["ip route"], rest: "ip li" });
  });

  it("gives iptables-restore the lines after it, up to COMMIT", () => {
    const text = "iptables-restore --noflush\n*nat\n-A PREROUTING -d 10.96.0.20/32 -j DNAT --to-destination 10.244.0.3\nCOMMIT\nip route\n";
    expect(splitPaste(text).commands).toEqual(["iptables-restore --noflush\n*nat\n-A PREROUTING -d 10.96.0.20/32 -j DNAT --to-destination 10.244.0.3\nCOMMIT", "ip route"]);
  });

  it("keeps reading after COMMIT when another table follows", () => {
    const text = "iptables-restore\n*filter\n:FORWARD ACCEPT [0:0]\nCOMMIT\n*nat\n:POSTROUTING ACCEPT [0:0]\nCOMMIT\n";
    expect(splitPaste(text).commands).toEqual(["iptables-restore\n*filter\n:FORWARD ACCEPT [0:0]\nCOMMIT\n*nat\n:POSTROUTING ACCEPT [0:0]\nCOMMIT"]);
  });

  it("reads a ruleset to the end of the paste when COMMIT is missing, and understands a here-document", () => {
    expect(splitPaste("iptables-restore -n\n*nat\n-F\n").commands).toEqual(["iptables-restore -n\n*nat\n-F"]);
    expect(splitPaste("iptables-restore -n <<EOF\n*nat\nCOMMIT\nEOF\nip route\n").commands).toEqual(["iptables-restore -n\n*nat\nCOMMIT", "ip route"]);
  });
});
