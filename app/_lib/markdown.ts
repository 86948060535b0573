/**
 * The markdown subset level texts use: paragraphs, bullet and numbered lists, `code`, **bold**
 * and *emphasis*. Parsed into plain data and rendered as React elements, never as HTML, so a
 * level text cannot inject markup.
 */

export type Inline =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "code"; readonly text: string }
  | { readonly kind: "strong"; readonly children: readonly Inline[] }
  | { readonly kind: "em"; readonly children: readonly Inline[] };

export type Block =
  | { readonly kind: "p"; readonly children: readonly Inline[] }
  | { readonly kind: "ul" | "ol"; readonly items: readonly (readonly Inline[])[] };

const BULLET = /^\s*[-*]\s+/;
const NUMBERED = /^\s*\d+[.)]\s+/;

export function parseMarkdown(text: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  let list: { kind: "ul" | "ol"; items: string[] } | undefined;
  const flushPara = () => {
    if (para.length) blocks.push({ kind: "p", children: parseInline(para.join(" ")) });
    para = [];
  };
  const flushList = () => {
    if (list) blocks.push({ kind: list.kind, items: list.items.map(parseInline) });
    list = undefined;
  };
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trim();
    if (line === "") {
      flushPara();
      flushList();
      continue;
    }
    const kind = BULLET.test(raw) ? "ul" : NUMBERED.test(raw) ? "ol" : undefined;
    if (kind) {
      flushPara();
      if (list && list.kind !== kind) flushList();
      list ??= { kind, items: [] };
      list.items.push(raw.replace(kind === "ul" ? BULLET : NUMBERED, "").trim());
    } else if (list && /^\s{2,}/.test(raw)) {
      // An indented line continues the list item above it.
      list.items[list.items.length - 1] += ` ${line}`;
    } else {
      flushList();
      para.push(line);
    }
  }
  flushPara();
  flushList();
  return blocks;
}

/** Inline spans: `code` first (nothing inside it is markup), then **strong** and *em*. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = "";
  const flush = () => {
    if (plain) out.push({ kind: "text", text: plain });
    plain = "";
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "`") {
      const end = text.indexOf("`", i + 1);
      if (end > i) {
        flush();
        out.push({ kind: "code", text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (text.startsWith("**", i)) {
      const end = text.indexOf("**", i + 2);
      if (end > i + 2) {
        flush();
        out.push({ kind: "strong", children: parseInline(text.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if ((c === "*" || c === "_") && text[i + 1] !== c && text[i + 1] !== " " && /(^|[\s(])$/.test(text.slice(0, i))) {
      const end = text.indexOf(c, i + 1);
      if (end > i + 1 && text[end - 1] !== " ") {
        flush();
        out.push({ kind: "em", children: parseInline(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    plain += c;
    i++;
  }
  flush();
  return out;
}

/** The text without markup, for accessible names and plain-text views. */
export function inlineText(spans: readonly Inline[]): string {
  return spans.map((s) => (s.kind === "text" || s.kind === "code" ? s.text : inlineText(s.children))).join("");
}
