/** Renders the markdown subset of app/_lib/markdown.ts as React elements (no HTML strings). */
import type { ReactNode } from "react";
import { parseInline, parseMarkdown, type Inline } from "../_lib/markdown";

function spans(items: readonly Inline[]): ReactNode[] {
  return items.map((s, i) => {
    switch (s.kind) {
      case "text":
        return s.text;
      case "code":
        return <code key={i}>{s.text}</code>;
      case "strong":
        return <strong key={i}>{spans(s.children)}</strong>;
      case "em":
        return <em key={i}>{spans(s.children)}</em>;
    }
  });
}

export function Markdown({ text, className }: { text: string; className?: string }) {
  return (
    <div className={`md ${className ?? ""}`}>
      {parseMarkdown(text).map((b, i) =>
        b.kind === "p" ? (
          <p key={i}>{spans(b.children)}</p>
        ) : b.kind === "ul" ? (
          <ul key={i}>{b.items.map((item, j) => <li key={j}>{spans(item)}</li>)}</ul>
        ) : (
          <ol key={i}>{b.items.map((item, j) => <li key={j}>{spans(item)}</li>)}</ol>
        ),
      )}
    </div>
  );
}

/** One line of inline markdown (goal texts, hints). */
export function InlineMarkdown({ text }: { text: string }) {
  return <>{spans(parseInline(text))}</>;
}
