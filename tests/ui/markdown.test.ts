import { describe, expect, it } from "vitest";
import { inlineText, parseInline, parseMarkdown } from "../../app/_lib/markdown";

describe("level markdown", () => {
  it("splits paragraphs on blank lines and joins wrapped lines", () => {
    const blocks = parseMarkdown("The team just created **Service b**:\nClusterIP `10.96.0.20`.\n\nSecond paragraph.");
    expect(blocks.map((b) => b.kind)).toEqual(["p", "p"]);
    expect(blocks[0]).toEqual({
      kind: "p",
      children: [
        { kind: "text", text: "The team just created " },
        { kind: "strong", children: [{ kind: "text", text: "Service b" }] },
        { kind: "text", text: ": ClusterIP " },
        { kind: "code", text: "10.96.0.20" },
        { kind: "text", text: "." },
      ],
    });
  });

  it("reads bullet and numbered lists, with continued items", () => {
    const blocks = parseMarkdown("Do this:\n- one\n  more\n- two\n\n1. first\n2. second");
    expect(blocks.map((b) => b.kind)).toEqual(["p", "ul", "ol"]);
    expect(blocks[1]).toMatchObject({ kind: "ul", items: [[{ kind: "text", text: "one more" }], [{ kind: "text", text: "two" }]] });
  });

  it("keeps markup inside code literal, and HTML as text", () => {
    expect(parseInline("`**not bold**` and <b>x</b>")).toEqual([
      { kind: "code", text: "**not bold**" },
      { kind: "text", text: " and <b>x</b>" },
    ]);
  });

  it("does not treat a glob star or an unclosed marker as emphasis", () => {
    expect(inlineText(parseInline("chains KUBE-* and 2 * 3"))).toBe("chains KUBE-* and 2 * 3");
    expect(parseInline("an *emphasis* here")[1]).toEqual({ kind: "em", children: [{ kind: "text", text: "emphasis" }] });
    expect(parseInline("unclosed `code")).toEqual([{ kind: "text", text: "unclosed `code" }]);
  });
});
